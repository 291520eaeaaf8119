import { err, ok, type Result } from '@/core/shared/result';

/** Copies text; the browser may refuse (no focus, no permission), which comes back as a message. */
export async function copyText(text: string): Promise<Result<void, string>> {
  try {
    await navigator.clipboard.writeText(text);
    return ok(undefined);
  } catch (error) {
    return err(
      `The browser did not allow copying: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
