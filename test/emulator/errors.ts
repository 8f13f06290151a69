// An AWS error as the awsJson1_1 protocol carries it: `__type` in the body (the Debian CLI reads only that),
// the message, modeled members, and the HTTP status.

export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly members: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const validation = (message: string): AwsError =>
  new AwsError('ValidationException', `1 validation error detected: ${message}`);

// AppStream models ResourceNotFoundException with httpError 404; every other error of both services is 400.
export const asNotFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message, 404);
