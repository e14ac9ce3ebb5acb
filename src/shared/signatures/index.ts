export * from './scheme-ids';
export * from './custom-scheme';
export * from './detect-scheme';
export * from './verify-result';
