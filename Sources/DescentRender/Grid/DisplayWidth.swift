/// How many terminal columns text takes, as `wcwidth` counts them, from a table of our own so
/// that every machine and locale lays a frame out the same way.
///
/// A grapheme cluster (a base character and its combining marks, `e` + U+0301) takes the
/// width of its base: two columns for East Asian Wide and Fullwidth characters (CJK, kana,
/// Hangul, fullwidth forms) and emoji, none for a combining mark or format character on its
/// own, one for everything else. The wide ranges are Unicode 14's (Python's
/// `unicodedata.east_asian_width` W and F over assigned code points; unassigned ones inside
/// a wide block count as wide, as the planes 2 and 3 do).
public enum DisplayWidth {
  /// Columns of one grapheme cluster: 0, 1 or 2.
  public static func of(_ character: Character) -> Int {
    guard let base = character.unicodeScalars.first else { return 0 }
    return of(base)
  }

  /// Columns of a string: the sum over its grapheme clusters.
  public static func of(_ text: some StringProtocol) -> Int {
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  /// Columns of a scalar that starts a cluster.
  static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x300 { return 1 }
    // The renderer's own glyphs, drawn in every cell of every frame: box drawing, blocks,
    // geometric shapes (but ◽◾) and braille.
    if (v >= 0x2500 && v < 0x25FD) || (v >= 0x2800 && v <= 0x28FF) { return 1 }
    if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul vowels and finals join the syllable
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0
    case .format where v != 0xAD: return 0
    default: break
    }
    if v < wide[0].lowerBound { return 1 }
    // Binary search in the sorted, disjoint ranges.
    var low = 0
    var high = wide.count - 1
    while low <= high {
      let mid = (low + high) / 2
      if v < wide[mid].lowerBound {
        high = mid - 1
      } else if v > wide[mid].upperBound {
        low = mid + 1
      } else {
        return 2
      }
    }
    return 1
  }

  /// East Asian Wide and Fullwidth ranges, sorted.
  static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
    0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
    0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4C6, 0xA960...0xA97C,
    0xAC00...0xD7A3, 0xF900...0xFAD9, 0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60,
    0xFFE0...0xFFE6, 0x16FE0...0x1B2FB, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
    0x1F191...0x1F19A, 0x1F200...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
    0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
    0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
    0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
    0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
    0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAF6,
    0x20000...0x3FFFD,
  ]
}
