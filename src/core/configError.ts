// The error every backend's configuration check throws, with a message that says what to fix.
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
