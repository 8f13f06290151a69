// The account IDs a user types to share an image with: several at once, separated by commas, spaces or new
// lines, each checked as the user types (pure, like rules.ts), so no request AWS would refuse is sent.

/** The IDs in the order typed; empty pieces (",,", trailing commas, blank lines) are ignored. */
export function parseAccountIds(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

export interface AccountRuleContext {
  /** The image's own account, when known: an image cannot be shared with its owner. */
  readonly ownAccount?: string;
  /** Accounts the image is shared with already. */
  readonly alreadyShared: ReadonlySet<string>;
}

/** One account ID: 12 digits. */
export function accountIdProblem(id: string): string | undefined {
  if (/^\d{12}$/.test(id)) return undefined;
  if (/^\d+$/.test(id)) return `${id} has ${id.length} digits; an AWS account ID has 12.`;
  return `${id} is not an AWS account ID: use 12 digits, without letters or dashes.`;
}

/** The first problem with a typed list of account IDs, or undefined when every one may be shared with. */
export function accountIdsRule(ctx: AccountRuleContext): (value: string) => string | undefined {
  return (value) => {
    const ids = parseAccountIds(value);
    if (!ids.length) return 'Enter one or more 12-digit AWS account IDs, separated by commas, spaces or new lines.';
    const seen = new Set<string>();
    for (const id of ids) {
      const bad = accountIdProblem(id);
      if (bad) return bad;
      if (id === ctx.ownAccount) return `${id} is the account that owns the image.`;
      if (seen.has(id)) return `${id} is listed twice.`;
      seen.add(id);
    }
    const already = ids.filter((id) => ctx.alreadyShared.has(id));
    return already.length
      ? `The image is already shared with ${already.join(', ')}: remove ${already.length === 1 ? 'it' : 'them'} from the list.`
      : undefined;
  };
}
