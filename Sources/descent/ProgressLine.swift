import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress line on stderr for a long command (`cost`, `compare`), rewritten in place, and
/// only when stderr is a terminal, so logs and pipes stay clean; nil clears it.
func progressLine(_ line: String?) {
  guard isatty(STDERR_FILENO) == 1 else { return }
  let text = (line ?? "").escapingControlCharacters
  try? FileWriter.writeAll("\r\u{1B}[K" + text, to: STDERR_FILENO)
}
