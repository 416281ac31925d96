import Testing

@testable import DescentCore

/// The grammar check that stands in front of TOMLKit (whose toml++ aborts on some malformed
/// text). Every verdict below agrees with Python's `tomllib`.
@Suite struct TOMLSyntaxTests {
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
    #expect(TOMLSyntax.check(text) == nil)
  }

  @Test(arguments: [
    // The inputs on which TOMLKit aborted the process, found by fuzzing.
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
    ("# bell \u{7}\n", 1, 8, "control character"),
    (
      "a = " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n", 1, 37,
      "nest more than 32 deep"
    ),
  ])
  func reportsWhereAndWhat(text: String, line: Int, column: Int, message: String) {
    let problem = TOMLSyntax.check(text)
    #expect(problem?.line == line, "\(text.debugDescription): \(String(describing: problem))")
    #expect(problem?.column == column, "\(text.debugDescription): \(String(describing: problem))")
    #expect(problem?.message.contains(message) == true, "\(String(describing: problem))")
  }

  /// Every scene and lesson that ships passes the check.
  @Test func everyShippedFileIsValid() {
    let files = EmbeddedScenes.files
    #expect(files.count > 20)
    for (name, text) in files where name.hasSuffix(".toml") {
      #expect(TOMLSyntax.check(text) == nil, "\(name)")
    }
  }
}
