/** The root of every error the package throws, and the two raised before anything is sent. */

/** What `instanceof` recognises an instance by: one symbol per class, the same in every copy. */
const brandKey = (brand: string) => Symbol.for(`highlevel-voice-ai.error.${brand}`);

/**
 * The ESM and the CJS build each have their own classes, and an app whose dependencies load both
 * (the dual package hazard) would see `error instanceof NotFoundError` fail for the other build's
 * errors. So every error carries, hidden, the brand of each class it is an instance of (named by
 * the class's static `brand`, not by its name, which minifiers change), and `instanceof` a class
 * of this package also accepts an Error that carries that class's brand.
 */
export class VoiceAIError extends Error {
  /** The name `instanceof` knows this class by across copies of the package (ESM and CJS builds). */
  static readonly brand: string = "VoiceAIError";

  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.brand;
    // Only classes that name their own brand: a user's subclass is not a class of this package.
    for (let c: object = new.target; c !== Error; c = Object.getPrototypeOf(c) as object)
      if (Object.hasOwn(c, "brand"))
        Object.defineProperty(this, brandKey((c as typeof VoiceAIError).brand), {});
  }

  static override [Symbol.hasInstance]<T>(
    this: { readonly brand: string; readonly prototype: T },
    value: unknown,
  ): value is T {
    // The prototype chain first (this build's errors, the user's subclasses), then the brand.
    return (
      Function.prototype[Symbol.hasInstance].call(this, value) ||
      (Object.hasOwn(this, "brand") && value instanceof Error && brandKey(this.brand) in value)
    );
  }
}

/** The client was created with options it cannot work with, or a token source failed. Nothing was sent. */
export class ConfigurationError extends VoiceAIError {
  static override readonly brand: string = "ConfigurationError";
}

/** A call's arguments are incomplete or invalid. Nothing was sent. */
export class InvalidRequestError extends VoiceAIError {
  static override readonly brand: string = "InvalidRequestError";
}
