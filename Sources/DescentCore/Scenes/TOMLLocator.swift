/// Finds where keys and values sit in TOML text, so errors can name a line and column.
///
/// TOMLKit reports positions only for syntax errors, so this is a light second reading of
/// the same text: it follows `[table]` and `[[array]]` headers and `key = value` lines,
/// skipping the insides of multi-line strings and arrays. It runs only after TOMLKit has
/// accepted the text.
struct TOMLLocator {
  /// Where a key and its value start.
  struct Location: Equatable {
    var line: Int
    var keyColumn: Int
    var keyLength: Int
    var valueColumn: Int
  }

  let lines: [String]
  /// Key paths such as `optimizers.adam.lr` or `minima.1.at` (arrays of tables are indexed
  /// from 0), and table headers such as `optimizers.adam`.
  private(set) var locations: [String: Location] = [:]

  init(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    var table: [String] = []
    var arrayCounts: [String: Int] = [:]
    var index = 0
    while index < lines.count {
      let line = Array(lines[index].unicodeScalars)
      var i = 0
      while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
      if i < line.count, line[i] == "[" {
        let isArray = i + 1 < line.count && line[i + 1] == "["
        let start = i + (isArray ? 2 : 1)
        var end = start
        while end < line.count, line[end] != "]" { end += 1 }
        // A header inside an array of tables (`[step.optimizers.gd]` after `[[step]]`)
        // belongs to the array's latest element.
        var path: [String] = []
        let written = Self.splitKey(String(String.UnicodeScalarView(line[start..<end])))
        for (k, part) in written.enumerated() {
          path.append(part)
          let isLast = k == written.count - 1
          if !(isArray && isLast), let n = arrayCounts[path.joined(separator: ".")] {
            path.append(String(n - 1))
          }
        }
        let joined = path.joined(separator: ".")
        if isArray {
          let n = arrayCounts[joined, default: 0]
          arrayCounts[joined] = n + 1
          table = path + [String(n)]
        } else {
          table = path
        }
        locations[table.joined(separator: ".")] = Location(
          line: index + 1, keyColumn: start + 1, keyLength: max(1, end - start),
          valueColumn: start + 1)
        index += 1
        continue
      }
      // key = value
      var j = i
      var inQuote: Unicode.Scalar? = nil
      while j < line.count {
        let c = line[j]
        if let q = inQuote {
          if c == q { inQuote = nil }
        } else if c == "\"" || c == "'" {
          inQuote = c
        } else if c == "=" || c == "#" {
          break
        }
        j += 1
      }
      guard j < line.count, line[j] == "=", j > i else {
        index += 1
        continue
      }
      var keyEnd = j
      while keyEnd > i, line[keyEnd - 1] == " " || line[keyEnd - 1] == "\t" { keyEnd -= 1 }
      let key = Self.splitKey(String(String.UnicodeScalarView(line[i..<keyEnd])))
      var v = j + 1
      while v < line.count, line[v] == " " || line[v] == "\t" { v += 1 }
      locations[(table + key).joined(separator: ".")] = Location(
        line: index + 1, keyColumn: i + 1, keyLength: max(1, keyEnd - i), valueColumn: v + 1)
      index = Self.endOfValue(lines: lines, line: index, from: v) + 1
    }
  }

  /// The location of a key path, e.g. `["view", "x"]`.
  func location(_ path: [String]) -> Location? {
    locations[path.joined(separator: ".")]
  }

  /// The index of the last line of a value starting at (`line`, `column`), following
  /// multi-line strings and arrays.
  private static func endOfValue(lines: [String], line: Int, from column: Int) -> Int {
    let first = Array(lines[line].unicodeScalars)
    let rest = String(String.UnicodeScalarView(first[min(column, first.count)...]))
    for delimiter in ["\"\"\"", "'''"] where rest.hasPrefix(delimiter) {
      if rest.dropFirst(3).contains(delimiter) { return line }
      var l = line + 1
      while l < lines.count, !lines[l].contains(delimiter) { l += 1 }
      return min(l, lines.count - 1)
    }
    // Arrays: count brackets outside strings and comments until they balance.
    var depth = 0
    var l = line
    var c = column
    while l < lines.count {
      let scalars = Array(lines[l].unicodeScalars)
      var quote: Unicode.Scalar? = nil
      while c < scalars.count {
        let s = scalars[c]
        if let q = quote {
          if s == q { quote = nil }
        } else if s == "\"" || s == "'" {
          quote = s
        } else if s == "#" {
          break
        } else if s == "[" || s == "{" {
          depth += 1
        } else if s == "]" || s == "}" {
          depth -= 1
        }
        c += 1
      }
      if depth <= 0 { return l }
      l += 1
      c = 0
    }
    return lines.count - 1
  }

  /// `a.b."c d"` → ["a", "b", "c d"].
  private static func splitKey(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var quote: Character? = nil
    for ch in text {
      if let q = quote {
        if ch == q { quote = nil } else { current.append(ch) }
      } else if ch == "\"" || ch == "'" {
        quote = ch
      } else if ch == "." {
        parts.append(current.trimmingSpaces())
        current = ""
      } else {
        current.append(ch)
      }
    }
    parts.append(current.trimmingSpaces())
    return parts
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }
}
