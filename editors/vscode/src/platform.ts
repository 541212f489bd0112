// Where the bundled server lives for a platform. No vscode import: the packaging test uses it too.
import * as path from "node:path";

export const SERVER_NAME = "workos-lsp";

/** Go's names for Node's platform and architecture; undefined where no binary is built. */
export function goTarget(platform: string, arch: string): { goos: string; goarch: string } | undefined {
  const goos: Record<string, string> = { linux: "linux", darwin: "darwin", win32: "windows" };
  const goarch: Record<string, string> = { x64: "amd64", arm64: "arm64" };
  const os = goos[platform];
  const a = goarch[arch];
  return os && a ? { goos: os, goarch: a } : undefined;
}

export function executableName(platform: string): string {
  return platform === "win32" ? `${SERVER_NAME}.exe` : SERVER_NAME;
}

/** Where the packaging script puts the binary for this platform, or undefined for an unsupported one. */
export function bundledPath(extensionPath: string, platform: string, arch: string): string | undefined {
  const t = goTarget(platform, arch);
  if (!t) {
    return undefined;
  }
  return path.join(extensionPath, "bin", `${t.goos}-${t.goarch}`, executableName(platform));
}
