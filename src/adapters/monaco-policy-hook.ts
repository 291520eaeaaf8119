/**
 * Monaco's `MonacoEnvironment.createTrustedTypesPolicy` hook. Monaco asks for one policy per feature while its
 * modules load, including features the app never uses: this creates only the allowed ones and answers
 * `undefined` for the rest, so those features' HTML sinks stay closed and no refused name reaches the browser
 * (a refused `createPolicy` is a CSP violation and throws). `factory` is `window.trustedTypes`, absent in
 * browsers without Trusted Types.
 */
export function monacoPolicyHook(
  allowed: readonly string[],
  factory: TrustedTypePolicyFactory | undefined,
): (name: string, options?: TrustedTypePolicyOptions) => TrustedTypePolicy | undefined {
  return (name, options) => (allowed.includes(name) ? factory?.createPolicy(name, options) : undefined);
}
