// How long Cloud Images waits for AWS. The SDK sets no deadline by default (a request on a connection that
// accepts and never answers waits forever), so every client gets these; they are here, not in src/aws, because
// the words a user reads ("AWS did not answer in 15 s") are built in core.

/** A connection to an AWS endpoint is made in well under a second; 5 s without one means no network (sleep, VPN). */
export const CONNECT_TIMEOUT_MS = 5_000;
/**
 * The image APIs answer in about a second even for a full page; 15 s without the whole answer (headers and
 * body) means it is not coming (a stalled proxy or a half-open connection). A timed-out read is not resent by
 * the SDK: the user sees an error row with Retry after 15 s instead of waiting through three attempts.
 */
export const RESPONSE_TIMEOUT_MS = 15_000;
/**
 * Getting a profile's credentials (a credential_process, an SSO token refresh) takes a second or two; 30 s
 * without them means the process hangs or waits for input it will never get. Nothing has been sent to AWS then.
 */
export const CREDENTIALS_TIMEOUT_MS = 30_000;
/** Attempts of a read (list, describe) that failed for a reason worth another try: throttling, 5xx, a reset. */
export const READ_ATTEMPTS = 3;
/** Attempts of a mutating call that AWS throttled (refused before doing anything): the only resend allowed. */
export const WRITE_ATTEMPTS = 3;
