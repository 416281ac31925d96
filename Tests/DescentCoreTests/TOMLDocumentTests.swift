import Testing

@testable import DescentCore

/// descent's TOML reader. Every verdict below agrees with Python's `tomllib`, except where
/// descent is stricter on purpose (dates, 64-bit integers, nesting).
@Suite struct TOMLDocumentTests {
  @Test(arguments: [
    "a = 1\nb = -0.5e-3\nc = +inf\nd = nan\ne = 1_000\nf = 0x1F_ff\ng = 0o17\nh = 0b101\n",
    "a = \"tab\\t \\u00e9 \\U0001F600 \\\"q\\\"\"\nb = 'C:\\path'\n",
    "a = \"\"\"\nline one\nline two \\\n    joined\"\"\"\nb = '''\nraw \\n'''\n",
    "a = \"\"\"\"quoted\"\"\"\"\nb = '''''two'''''\n",
    "[t]\n[[u]]\n[ \"quoted\" . 'lit' . bare-key_1 ]\n[[ v.w ]]\n",
    "a.b . c = true\n\"x y\".z = false\n",
    "a = [ 1, 2, ]\nb = [\n  [1, 2], # comment\n  ['x'],\n]\nc = []\n",
    "a = { b = 1, c = [1,\n2], d = { e = \"f\" } }\nempty = {}\n",
    "# only a comment\r\n\r\na = 1 # trailing\r\n",
    "\u{FEFF}a = 1\n",
    "a = 0\nb = 0.0\nc = 0e5\nd = 1e05\n",
  ])
  func acceptsValidTOML(_ text: String) {
    #expect(TOMLDocument.check(text) == nil)
  }

  @Test(arguments: [
    // The inputs on which TOMLKit, the TOML library descent used before, aborted the
    // process, found by fuzzing.
    ("[+a]\n", 1, 2, "expected a key"),
    ("[\nview]\n", 1, 2, "expected a key"),
    ("x = [-5.0, }]\n", 1, 12, "expected a value, found `}`"),
    ("[[[1]]]\n", 1, 3, "expected a key"),
    ("[&\n", 1, 2, "expected a key"),
    // Values.
    ("a =\n", 1, 4, "expected a value, found the end of the line"),
    ("a = [1,,2]\n", 1, 8, "expected a value, found `,`"),
    ("a = [1 2]\n", 1, 8, "expected `,` or `]` in an array"),
    ("a = [1, 2\n", 2, 1, "expected `,` or `]` in an array, found the end of the file"),
    ("a = 012\n", 1, 5, "leading zeros"),
    ("a = 1__0\n", 1, 7, "underscore"),
    ("a = 1.\n", 1, 7, "expected a digit"),
    ("a = 1e\n", 1, 7, "expected a digit"),
    ("a = 1.5x\n", 1, 8, "unexpected `x` after a value"),
    ("a = trueish\n", 1, 9, "unexpected `i` after a value"),
    ("a = truth\n", 1, 5, "expected a value, found `t`"),
    ("a = yes\n", 1, 5, "expected a value, found `y`"),
    ("a = 1979-05-27\n", 1, 5, "dates and times"),
    ("a = 07:32:00\n", 1, 5, "dates and times"),
    ("a = 1 b = 2\n", 1, 7, "expected the end of the line"),
    // Strings.
    ("a = \"open\n", 1, 5, "not closed on its line"),
    ("a = 'open\n", 1, 5, "not closed on its line"),
    ("a = \"\"\"never\n", 1, 5, "never closed"),
    ("a = \"bad \\q\"\n", 1, 10, "unknown escape \\q"),
    ("a = \"\\u12\"\n", 1, 6, "takes 4 hexadecimal digits"),
    ("a = \"\\uD800\"\n", 1, 6, "names no Unicode character"),
    ("a = \"bell \u{7}\"\n", 1, 11, "control character U+0007"),
    ("a = \"\"\"x\"\"\"\"\"\"\n", 1, 9, "too many quotes"),
    // Tables and keys.
    ("a = { b = 1, }\n", 1, 14, "may not end with a comma"),
    ("a = { b = 1\n}\n", 1, 12, "must close on the line it opens"),
    ("[a\n", 1, 3, "expected `]`"),
    ("[[a]\n", 1, 4, "expected `]]`"),
    ("a b = 1\n", 1, 3, "expected `=`"),
    ("é = 1\n", 1, 1, "expected a key"),
    ("a = 1\r", 1, 6, "carriage return"),
    ("a = 1\r\nb = 2\rc = 3\r\n", 2, 6, "carriage return"),
    ("a = \"\"\"x\ry\"\"\"\n", 1, 9, "control character U+000D"),
    ("a = 9223372036854775808\n", 1, 5, "does not fit in 64 bits"),
    ("a = 0x8000000000000000\n", 1, 5, "does not fit in 64 bits"),
    ("a = 1979-05-27T07:32:00Z\n", 1, 5, "dates and times"),
    ("# bell \u{7}\n", 1, 8, "control character"),
    (
      "a = " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n", 1, 37,
      "nest more than 32 deep"
    ),
  ])
  func reportsWhereAndWhat(text: String, line: Int, column: Int, message: String) {
    let problem = TOMLDocument.check(text)
    #expect(problem?.line == line, "\(text.debugDescription): \(String(describing: problem))")
    #expect(problem?.column == column, "\(text.debugDescription): \(String(describing: problem))")
    #expect(problem?.message.contains(message) == true, "\(String(describing: problem))")
  }

  /// Every scene and lesson that ships is valid.
  @Test func everyShippedFileIsValid() {
    let files = EmbeddedScenes.files
    #expect(files.count > 20)
    for (name, text) in files where name.hasSuffix(".toml") {
      #expect(TOMLDocument.check(text) == nil, "\(name)")
    }
  }

  /// The values read, as the differential test's JSON shows them.
  @Test func readsEveryKindOfValue() throws {
    let text = """
      int = [1, -7, +3, 1_000, 0x1F_ff, 0o17, 0b101, -9223372036854775808]
      float = [1.5, -0.0, 6.02e+23, 1e-400, 1e400, -inf, nan]
      str = ["tab\\t é \\U0001F600", 'C:\\path', \"\"\"
      one \\
        two\"\"\"\"]
      bool = [true, false]
      "quoted key".'lit' = { a = 1, b.c = [] }
      [[aot]]
      [aot.sub]
      x = 1
      [[aot]]
      """
    let json = try TOMLDebug.taggedJSON(text).get()
    func tag(_ type: String, _ value: String) -> String {
      #"{"type":"\#(type)","value":"\#(value)"}"#
    }
    let ints = ["1", "-7", "3", "1000", "8191", "15", "5", "-9223372036854775808"]
    let floats = ["1.5", "-0.0", "6.02e+23", "0.0", "inf", "-inf", "nan"]
    let expected =
      #"{"int":["# + ints.map { tag("integer", $0) }.joined(separator: ",") + #"],"float":["#
      + floats.map { tag("float", $0) }.joined(separator: ",") + #"],"str":["#
      + [tag("string", #"tab\t é 😀"#), tag("string", #"C:\\path"#), tag("string", #"one two\""#)]
      .joined(separator: ",") + #"],"bool":["# + tag("bool", "true") + "," + tag("bool", "false")
      + #"],"quoted key":{"lit":{"a":"# + tag("integer", "1") + #","b":{"c":[]}}},"#
      + #""aot":[{"sub":{"x":"# + tag("integer", "1") + "}},{}]}"
    #expect(json == expected)
  }

  /// TOML's rules on keys and tables, which the grammar alone allows: each refusal says
  /// where the second definition is and where the first was.
  @Test(arguments: [
    ("a = 1\na = 2\n", 2, 1, "`a` is defined twice (first on line 1)"),
    ("a = 1\n\"a\" = 2\n", 2, 1, "defined twice"),
    ("v = { x = 1, x = 2 }\n", 1, 14, "`x` is defined twice"),
    ("[t]\nb = 1\n[t]\n", 3, 2, "table `t` is already defined by [t] on line 1"),
    ("[t.u]\n[t]\n[t]\n", 3, 2, "already defined by [t] on line 2"),
    ("a.b = 1\n[a]\n", 2, 2, "table `a` is already defined by dotted keys on line 1"),
    ("[a]\nb.c = 1\n[a.b]\n", 3, 4, "table `a.b` is already defined by dotted keys"),
    ("[a.b]\n[a]\nb.c = 1\n", 3, 1, "table `a.b` is already defined by a [header] on line 1"),
    ("a = { b = 1 }\na.c = 2\n", 2, 1, "`a` is an inline table, complete as written on line 1"),
    ("a = { b = 1 }\n[a]\n", 2, 2, "`a` is an inline table"),
    ("a = { b = 1 }\n[a.c]\n", 2, 2, "`a` is an inline table"),
    ("v = { a = { b = 1 }, a.c = 2 }\n", 1, 22, "`a` is an inline table"),
    ("v = { a = 1, a.b = 2 }\n", 1, 14, "`a` is already an integer (line 1); it cannot hold keys"),
    ("a = []\n[[a]]\n", 2, 3, "`a` is an array written whole on line 1; [[a]] appends only"),
    ("a = [{}]\n[a.b]\n", 2, 2, "`a` is an array written whole on line 1"),
    ("[a]\n[[a]]\n", 2, 3, "`a` is already a table (line 1); [[a]] appends only"),
    ("[[a]]\n[a]\n", 2, 2, "`a` is an array of tables, opened by [[a]] on line 1"),
    ("[[x.a]]\n[x]\na.c = 1\n", 3, 1, "`x.a` is an array of tables (line 1)"),
    ("a = 1\n[a]\n", 2, 2, "`a` is already an integer (line 1); it cannot also be a table"),
    ("a = 1\n[a.b]\n", 2, 2, "`a` is already an integer (line 1); it cannot hold a table"),
    ("[a]\nb = 1\n[a.b.c]\n", 3, 4, "`a.b` is already an integer"),
    ("[[s]]\n[s.o]\n[s.o]\n", 3, 4, "table `s.o` is already defined by [s.o] on line 2"),
  ])
  func enforcesTheTableRules(text: String, line: Int, column: Int, message: String) {
    let problem = TOMLDocument.check(text)
    #expect(problem?.line == line, "\(text.debugDescription): \(String(describing: problem))")
    #expect(problem?.column == column, "\(text.debugDescription): \(String(describing: problem))")
    #expect(problem?.message.contains(message) == true, "\(String(describing: problem))")
  }

  @Test(arguments: [
    // A header may open a table a longer header named, or add to one dotted keys made.
    "[a.b]\n[a]\n",
    "[a]\nb.c = 1\n[a.b.d]\n",
    "a.b = 1\na.c = 2\n",
    "[a.b.c]\n[a]\nb.d = 1\n",
    // Each element of an array of tables is a new table.
    "[[s]]\n[s.o]\nx = 1\n[[s]]\n[s.o]\nx = 2\n",
    "[[s]]\n[[s.t]]\n[[s.t]]\n[[s]]\n",
    "v = { a.b = 1, a.c = 2 }\n",
  ])
  func allowsWhatTheRulesAllow(_ text: String) {
    #expect(TOMLDocument.check(text) == nil)
  }

  /// Every key and value knows where it is written, inside inline tables and arrays too.
  @Test func keysAndValuesKnowWhereTheyAre() throws {
    let text = "[step]\nview = { x = [1.0, 0.0], y.z = 'w' }\n[[m]]\nat = [\n  1,\n  2]\n"
    let document = try TOMLDocument(text)
    let step = try #require(document.root["step"]?.table)
    let view = try #require(step.entry("view"))
    #expect([view.key.start.line, view.key.start.column, view.key.end.column] == [2, 1, 5])
    #expect([view.value.range.start.column, view.value.range.end.column] == [8, 37])
    let inline = try #require(view.value.table)
    let x = try #require(inline.entry("x"))
    #expect(
      [x.key.start.column, x.value.range.start.column, x.value.range.end.column] == [10, 14, 24])
    let zero = try #require(x.value.array?[1])
    #expect([zero.range.start.column, zero.range.end.column] == [20, 23])
    let z = try #require(inline["y"]?.table?.entry("z"))
    #expect([z.key.start.column, z.value.range.start.column] == [28, 32])
    let element = try #require(document.root["m"]?.array?.first)
    #expect([element.range.start.line, element.range.start.column] == [3, 3])
    let at = try #require(element.table?["at"])
    #expect([at.range.start.line, at.range.end.line, at.range.end.column] == [4, 6, 5])
    #expect(at.range.length(lineLength: 6) == 1)
    #expect(x.value.range.length(lineLength: 37) == 10)
  }

  /// CRLF line endings read as LF: same values, same positions, same errors.
  @Test func crlfReadsAsLF() throws {
    let lf = "a = 1\nb = \"\"\"\none\ntwo \\\n  three\"\"\"\n[t]\nv = { x = [1, 2] }\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(crlf.unicodeScalars.filter { $0 == "\r" }.count == 7)
    #expect(try TOMLDebug.taggedJSON(crlf).get() == TOMLDebug.taggedJSON(lf).get())
    let string = try #require(try TOMLDocument(crlf).root["b"]?.string)
    #expect(string == "one\ntwo three")
    for bad in ["[t]\nv = { x = [1, }\n", "a = 1\nb = 2\nb = 3\n", "a = 'x\n"] {
      let expected = try #require(TOMLDocument.check(bad))
      let actual = TOMLDocument.check(bad.replacingOccurrences(of: "\n", with: "\r\n"))
      #expect(actual == expected)
    }
  }

  /// A string value's scalars map back to the file, escapes to their backslash.
  @Test func stringsMapBackToTheFile() throws {
    let text = "f = \"a\\u00e9b\"\ng = \"\"\"\r\nx\r\n  y\"\"\"\n"
    let document = try TOMLDocument(text)
    let f = try #require(document.sourcePositions(of: document.root["f"]!))
    #expect(f.map(\.column) == [6, 7, 13, 14])
    let g = try #require(document.sourcePositions(of: document.root["g"]!))
    #expect(g.map { "\($0.line):\($0.column)" } == ["3:1", "3:2", "4:1", "4:2", "4:3", "4:4"])
  }
}
