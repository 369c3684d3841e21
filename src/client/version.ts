/** The package's name and version, as requests name them in their User-Agent (a test keeps it equal to package.json's). */
export const PACKAGE = "highlevel-voice-ai";
export const VERSION = "0.1.0";
