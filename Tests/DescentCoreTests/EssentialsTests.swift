import DescentCore
import Foundation
import Testing

/// The code imports FoundationEssentials only, which keeps ICU out of the static binary; the
/// few pieces of full Foundation it used are replaced by small code of its own. Each is
/// checked here against the Foundation call it replaces (the tests may import Foundation), so
/// the outputs stay byte for byte what they were.
@Suite struct EssentialsTests {
  /// Doubles that format in every interesting way: zeros, halves (round half to even in
  /// binary), the extremes, the non-finite values, and a few hundred random ones.
  static let numbers: [Double] = {
    var values: [Double] = [
      0, -0.0, 1, -1, 0.5, 1.5, 2.5, 0.125, 0.05, 0.15, 9.995, 99.95, 999.95, 1e-5, 1.2345e-5,
      123456.789, 1e15, 1e15 + 1, -987654321.123, 1e300, -1e-300, .leastNonzeroMagnitude,
      Double.greatestFiniteMagnitude, .pi, -.pi, 1 / 3, .nan, .infinity, -.infinity,
    ]
    var generator = Xoshiro256StarStar(seed: 18)
    for _ in 0..<300 {
      let mantissa = generator.uniform() * 2 - 1
      let exponent = Int(generator.next() % 41) - 20
      values.append(mantissa * Foundation.pow(10, Double(exponent)))
    }
    return values
  }()

  @Test(arguments: [
    "%.1f", "%.2f", "%.3f", "%.0f", "%.1g", "%.3g", "%.4g", "%.6g", "%.0e", "%.3e", "%.5e",
    "%.1f µs", "%.2f ms", "%.1fx", "# peak %.1f MB",
  ])
  func printfIsStringFormat(format: String) {
    for value in Self.numbers {
      #expect(String(printf: format, value) == String(format: format, value), "\(value)")
    }
  }

  @Test func printfTakesSeveralNumbersAndLongResults() {
    let format = "# peak %.1f MB, slope %.3f MB per million steps\n"
    #expect(String(printf: format, 12.25, -0.0005) == String(format: format, 12.25, -0.0005))
    // 1e300 with no exponent is 301 digits: longer than the first buffer.
    #expect(String(printf: "%.0f", 1e300) == String(format: "%.0f", 1e300))
    #expect(String(printf: "%.0f", 1e300).count == 301)
  }

  static let padded = [
    "", "x", " x ", "\t x\t", " \n x \r\n", "\u{A0}x\u{3000}", "\u{2028}x\u{85}", "x\u{2029}",
    "\u{1680}\u{2000}\u{200A}\u{202F}\u{205F}x", "\u{0B}\u{0C}x", "\u{200B}x\u{FEFF}",
    " \u{301}x", "   ", "\n\n", "a b", "é ", " ∇f ", "x\u{1F600} ",
  ]

  @Test func trimmingBlanksIsTrimmingWhitespaces() {
    for text in Self.padded + Self.everyScalarOfThePlane {
      #expect(
        text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  @Test func trimmingWhitespaceIsTrimmingWhitespacesAndNewlines() {
    for text in Self.padded + Self.everyScalarOfThePlane {
      #expect(
        text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  /// `a` and each scalar of the Basic Multilingual Plane (where all white space is).
  static let everyScalarOfThePlane = (0..<0x10000).compactMap(Unicode.Scalar.init).map {
    "a\($0)"
  }

  @Test func paddingToAWidthIsFoundationsPadding() {
    for (text, width) in [("", 3), ("ab", 5), ("abc", 3), ("abcd", 3), ("σ = 0.1", 9)] {
      let foundation =
        text.count >= width ? text : text.padding(toLength: width, withPad: " ", startingAt: 0)
      #expect(text.padding(toWidth: width) == foundation)
    }
  }

  // MARK: - JSON

  /// JSON texts that JSONSerialization reads and that must be read the same.
  static let validJSON = [
    "{}", "[]", "0", "-0", "12", "-12", "1.5", "-1.25e-3", "1E10", "2e+2", "9007199254740993",
    "123456789012345678901234567890", "0.1", "\"\"", "\"a\\\"b\\\\c\\/d\"",
    "\"\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4e2d\"", "\"\\ud83d\\ude00\"", "\"é中😀\"", "null",
    " \n\t\r[1, 2 ,3 ] ", "{\"a\": [1, {\"b\": null}], \"c\": \"d\"}",
    "[[[[[[[[[[1]]]]]]]]]]", "{\"layers\": [2, 8, 1], \"weights\": [[[0.5, -1e-3]]]}",
    "[0.5, \"o\", \"\\u001b[2J\\u001b[H\"]", "[1, ]", "{\"a\": 1 , }",
  ]

  /// Texts that are not JSON; JSONSerialization refuses them too.
  static let invalidJSON = [
    "", " ", "[", "]", "{", "[,]", "[1,,]", "{,}", "[1 2]", "{\"a\"}", "{\"a\":}", "{a: 1}",
    "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "tru", "nul",
    "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"a\u{01}b\"", "\"\\ud83d\"",
    "\"\\ude00\"", "\"\\ud83d\\u0041\"", "[1] 2", "'a'", "[1]x", "{\"a\" 1}",
  ]

  @Test func jsonReadsWhatJSONSerializationReads() throws {
    for text in Self.validJSON {
      let ours = try JSONValue(parsing: text)
      let theirs = try JSONSerialization.jsonObject(
        with: Data(text.utf8), options: .fragmentsAllowed)
      #expect(Self.shape(ours) == Self.shape(theirs), "\(text)")
    }
  }

  @Test func jsonRefusesWhatJSONSerializationRefuses() {
    for text in Self.invalidJSON {
      #expect(throws: JSONValue.ParseError.self, "\(text)") { try JSONValue(parsing: text) }
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed))
          == nil, "\(text)")
    }
  }

  @Test func jsonKeepsKindsAndOrder() throws {
    let value = try JSONValue(parsing: #"{"b": true, "a": [false, 2, 2.0, 2.5], "b": "x"}"#)
    #expect(value.rendered() == #"{"b":true,"a":[false,2,2,2.5],"b":"x"}"#)
    #expect(value["b"]?.stringValue == "x")  // the last of a repeated key
    let items = try #require(value["a"]?.arrayValue)
    #expect(items.map(\.intValue) == [nil, 2, 2, nil])
    #expect(items.map(\.doubleValue) == [nil, 2, 2, 2.5])
    #expect(value["missing"] == nil)
    #expect(JSONValue.integer(1)["a"] == nil)
  }

  @Test func jsonRefusesDeepNestingWithoutCrashing() throws {
    let limit = JSONValue.maximumDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    _ = try JSONValue(parsing: deepest)
    let tooDeep = "[" + deepest + "]"
    #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: tooDeep) }
    // A hostile file of a million brackets is an error, not a stack overflow.
    let hostile = String(repeating: "[", count: 1_000_000)
    #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: hostile) }
  }

  @Test func jsonErrorsNameTheByte() {
    let error = #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: "[1 2]") }
    #expect(error?.offset == 3)
    #expect(error?.description == "byte 4: ',' or ']' was expected")
  }

  /// A value as a comparable text: numbers by their Double value (JSONSerialization gives
  /// NSNumber, of whichever kind), objects by sorted key.
  static func shape(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let b): "bool \(b)"
    case .integer, .number: "number \(value.doubleValue!)"
    case .string(let s): "string \(s.unicodeScalars.map { $0.value })"
    case .array(let items): "[" + items.map(shape).joined(separator: ", ") + "]"
    case .object(let members):
      "{"
        + members.sorted { $0.0 < $1.0 }.map { "\($0.0): \(shape($0.1))" }.joined(
          separator: ", ") + "}"
    }
  }

  static func shape(_ value: Any) -> String {
    switch value {
    case is NSNull: "null"
    case let s as String: "string \(s.unicodeScalars.map { $0.value })"
    case let items as [Any]: "[" + items.map(shape).joined(separator: ", ") + "]"
    case let members as [String: Any]:
      "{"
        + members.sorted { $0.key < $1.key }.map { "\($0.key): \(shape($0.value))" }.joined(
          separator: ", ") + "}"
    case let n as NSNumber: "number \(n.doubleValue)"
    default: "? \(value)"
    }
  }
}
