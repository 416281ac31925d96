// The standard library's own canonical decomposition (NFD), which swift-foundation uses too:
// Foundation's `decomposedStringWithCanonicalMapping` brings ICU into the static binary.
@_spi(_Unicode) import Swift

/// ASCII for text and glyphs, for terminals without a UTF-8 locale (`LANG=C`), where
/// ncurses can draw nothing else: `∇f` becomes `grad f`, `m̂` `m^`, `β₁ᵗ` `beta1^t`,
/// `→` `->`, `é` `e`, and a character with no ASCII spelling (a CJK character) `?`.
public enum ASCIIFallback {
  /// `text` in ASCII alone.
  public static func text(_ text: String) -> String {
    guard !text.allSatisfy(\.isASCII) else { return text }
    var out = ""
    var characters = Array(text)
    characters.append(" ")
    for (i, character) in characters.dropLast().enumerated() {
      if character.isASCII {
        out.append(character)
        continue
      }
      var spelled = ""
      for scalar in String(character)._nfd {
        if scalar.isASCII {
          spelled.unicodeScalars.append(scalar)
        } else if let ascii = table[scalar] {
          spelled += ascii
        } else if !isMark(scalar) {
          spelled += "?"
        }
      }
      // A name (grad, sqrt, mu) is kept apart from a letter after it: ∇f is grad f.
      if let last = spelled.last, last.isLetter, spelled.count > 1,
        let next = characters[i + 1].unicodeScalars.first,
        next.properties.isAlphabetic && table[next] == nil
      {
        spelled += " "
      }
      out += spelled
    }
    return out
  }

  /// One ASCII character for a glyph drawn in a cell of its own: the first of its spelling,
  /// or `?`.
  public static func glyph(_ character: Character) -> Character {
    if character.isASCII { return character }
    if let arrow = arrows[character] { return arrow }
    let spelled = text(String(character))
    return spelled.count == 1 ? spelled.first! : "?"
  }

  /// Arrows in one cell, as `--arrows` draws them without Unicode.
  static let arrows: [Character: Character] = [
    "→": ">", "←": "<", "↑": "^", "↓": "v", "↗": "/", "↖": "\\", "↙": "/", "↘": "\\",
  ]

  private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .spacingMark, .format: return true
    default: return false
    }
  }

  /// Spellings of the non-ASCII characters the renderer, the lessons and the scenes use.
  /// Combining marks not listed (acute, grave, diaeresis) are dropped: `é` is `e`.
  static let table: [Unicode.Scalar: String] = [
    // Mathematics.
    "∇": "grad", "∂": "d", "√": "sqrt", "∑": "sum", "∞": "inf", "−": "-", "±": "+-", "∓": "-+",
    "×": "x", "÷": "/", "·": "*", "⋅": "*", "∘": "o", "⊙": "*", "≤": "<=", "≥": ">=",
    "≈": "~", "≠": "!=", "∈": "in", "ℝ": "R", "°": "deg", "′": "'", "‖": "||",
    "⟨": "<", "⟩": ">",
    // Hats, bars and tildes over letters: m̂ is m^.
    "\u{302}": "^", "\u{303}": "~", "\u{304}": "_", "\u{305}": "_",
    // Superscripts and subscripts.
    "⁰": "^0", "¹": "^1", "²": "^2", "³": "^3", "⁴": "^4", "⁵": "^5", "⁶": "^6", "⁷": "^7",
    "⁸": "^8", "⁹": "^9", "⁻": "^-", "⁺": "^+", "ᵗ": "^t", "ᵏ": "^k", "ⁿ": "^n", "ᵀ": "^T",
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8",
    "₉": "9", "ᵢ": "i", "ⱼ": "j", "ₖ": "k", "ₜ": "t", "ₙ": "n",
    // Greek.
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "eps", "ζ": "zeta",
    "η": "eta", "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Σ": "Sigma",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
    // Punctuation.
    "–": "-", "—": "--", "…": "...", "‘": "'", "’": "'", "“": "\"", "”": "\"", "«": "<<",
    "»": ">>", "\u{A0}": " ",
    // Arrows.
    "→": "->", "←": "<-", "↑": "^", "↓": "v", "↗": "/", "↖": "\\", "↙": "/", "↘": "\\",
    "⇒": "=>", "↔": "<->",
    // The renderer's own glyphs.
    "│": "|", "─": "-", "┃": "|", "━": "-", "■": "#", "▶": ">", "●": "*", "•": "*",
    "○": "o", "◇": "o", "★": "*", "✕": "x", "▀": " ", "▄": " ", "█": "#", "░": ".",
  ]
}
