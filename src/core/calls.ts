// One AWS call as the log records it: only these fields are ever written (never parameters, headers or
// credentials). Made in src/aws for every request, written by src/platform's log.
import type { ServiceId } from './regions';

export interface CallRecord {
  service: ServiceId;
  operation: string;
  region: string;
  ms: number;
  requestId?: string;
  error?: string;
}

export type CallLogger = (call: CallRecord) => void;
