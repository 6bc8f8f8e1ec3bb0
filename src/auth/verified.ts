import type { Viewer } from './roles';

declare const verifiedBrand: unique symbol;

/**
 * A viewer the hub has verified: from a bearer token checked by `verifyBearer`, or named explicitly by in-process
 * code (seeds, the CLI, tests) through `inProcessViewer`. A request context can only be built from one of these
 * (src/graphql/context.ts), so no HTTP path can reach a resolver without a verified token: there is no default.
 */
export type VerifiedViewer = Viewer & { readonly [verifiedBrand]: true };

/** The viewers this process has verified (the type brand above is erased at run time; this check is not). */
const verified = new WeakSet<object>();

function seal(viewer: Viewer): VerifiedViewer {
  const sealed = Object.freeze({ subject: viewer.subject, role: viewer.role, district: viewer.district });
  verified.add(sealed);
  return sealed as VerifiedViewer;
}

/** Only for src/auth/tokens.ts: the viewer of a token whose signature and claims it has just checked. */
export function viewerFromVerifiedToken(viewer: Viewer): VerifiedViewer {
  return seal(viewer);
}

/**
 * A viewer for work that runs inside this process on its operator's authority — seeds, the import CLI with
 * `--local-admin`, tests — never for anything that arrives over HTTP (test/security/anonymous-path.test.ts checks
 * that no HTTP module calls it).
 */
export function inProcessViewer(viewer: Viewer): VerifiedViewer {
  return seal(viewer);
}

export function isVerifiedViewer(viewer: unknown): viewer is VerifiedViewer {
  return typeof viewer === 'object' && viewer !== null && verified.has(viewer);
}
