import ArgumentParser
import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Descent {
  /// Parses and runs the command as ArgumentParser's `main()` does, except that all output,
  /// help included, goes through `FileWriter.standardOutput` and every message through
  /// `StandardError`. Output that cannot be written (a full disk, a closed stdout) is one
  /// line on stderr and exit 74 (sysexits' EX_IOERR); a reader that stops reading (`descent
  /// run | head -1`) ends the run quietly, with the status so far.
  static func main() {
    StandardStreams.prepare()
    var status: Int32 = 0
    var failed: SystemError?
    do {
      SettingFlags.offered = CommandLine.arguments.contains {
        $0.hasPrefix("--generate-completion-script")
      }
      let subcommands = Set(configuration.subcommands.map { $0._commandName })
      let arguments = OptimizerOptions.extract(
        from: Array(CommandLine.arguments.dropFirst()), subcommands: subcommands)
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch let error as StandardOutputError {
      failed = error.error
    } catch {
      status = exitCode(for: error).rawValue
      let text = fullMessage(for: error)
      if !text.isEmpty {
        if status == 0 {
          do { try emit(text + "\n") } catch { failed = (error as? StandardOutputError)?.error }
        } else {
          StandardError.write(text + "\n")
        }
      }
    }
    if failed == nil {
      do { try FileWriter.standardOutput.flush() } catch { failed = error as? SystemError }
    }
    if let failed, failed.code != EPIPE {
      StandardError.write("descent: error: cannot write output: \(failed)\n")
      exitProcess(status == 0 ? 74 : status)
    }
    exitProcess(status)
  }
}

/// Ends the process with the C library's `exit`: inside a command, a bare `exit` names
/// ArgumentParser's `exit(withError:)`.
private func exitProcess(_ status: Int32) -> Never { exit(status) }

/// The process's standard streams, made safe to write to.
enum StandardStreams {
  /// Ignores SIGPIPE, so that a closed pipe is the error EPIPE from write(2) rather than
  /// death by signal; and holds a closed standard descriptor open on /dev/null, read-only.
  /// Otherwise the next file opened would be handed that descriptor, and output meant for
  /// stdout would land in it; this way writing to it fails (EBADF) as writing to a closed
  /// one does.
  static func prepare() {
    signal(SIGPIPE, SIG_IGN)
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
    where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
      let held = open("/dev/null", O_RDONLY)
      if held >= 0 && held != descriptor {
        dup2(held, descriptor)
        close(held)
      }
    }
  }
}
