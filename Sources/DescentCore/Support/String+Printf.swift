#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension String {
  /// Numbers as C's `printf` writes them, e.g. `String(printf: "%.4g", x)` or
  /// `String(printf: "%.1f MB", megabytes)`: every conversion in `format` must be a floating
  /// one (`%f`, `%e`, `%g`), one per argument.
  ///
  /// Foundation's `String(format:)` gives the same text (it calls the C library too), but on
  /// Linux it brings Foundation's internationalization and ICU into the static binary. The
  /// numbers are written in the C locale, with a decimal point, whatever locale the view has
  /// set with `setlocale`.
  public init(printf format: String, _ arguments: Double...) {
    self = Self.printf(format, arguments)
  }

  private static func printf(_ format: String, _ arguments: [Double]) -> String {
    let previous = cNumericLocale.map { uselocale($0) }
    defer { if let previous { uselocale(previous) } }
    var buffer = [CChar](repeating: 0, count: 128)
    var length = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
    if length >= buffer.count {
      // A va_list is used once: format again, into a buffer that fits.
      buffer = [CChar](repeating: 0, count: Int(length) + 1)
      length = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
    }
    guard length >= 0 else { return "" }
    return String(decoding: buffer[..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// The C locale for numbers, made once: `uselocale` switches the calling thread to it while
/// a number is formatted.
nonisolated(unsafe) private let cNumericLocale: locale_t? = newlocale(LC_NUMERIC_MASK, "C", nil)
