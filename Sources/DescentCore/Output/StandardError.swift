#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Messages for the user, on stderr. Every message goes through `write`, which escapes
/// control characters: a message may quote an expression, a file or an argument, and their
/// text must not be able to recolour the terminal, set its title or clear it.
public enum StandardError {
  /// Writes `message` with its control characters escaped (`String.escapingControlCharacters`).
  /// A failure to write is ignored: there is nowhere left to report it.
  ///
  /// Standard output is flushed first, so that on a terminal the message comes after the
  /// output before it (an error there stays in `FileWriter.error`, to be reported at exit).
  public static func write(_ message: String) {
    try? FileWriter.standardOutput.flush()
    try? FileWriter.writeAll(message.escapingControlCharacters, to: STDERR_FILENO)
  }
}
