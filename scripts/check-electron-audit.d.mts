export interface AcceptedFinding {
  id: string;
  file: string;
  severity: string;
  why: string;
}
export interface AuditFinding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  manualReview: boolean;
  description: string;
}
export function readAccepted(markdown?: string): AcceptedFinding[];
export function audit(input: string): Promise<{
  electronVersion: string;
  checks: number;
  findings: AuditFinding[];
  parseErrors: { file: string; message: string; tolerable: boolean }[];
}>;
export function unaccepted(findings: AuditFinding[], accepted: AcceptedFinding[]): AuditFinding[];
export function stageSources(dir: string): { dir: string; cleanup: () => void };
