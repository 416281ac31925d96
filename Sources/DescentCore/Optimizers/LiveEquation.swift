/// One equation of an optimizer's update written out with the numbers one step used: the
/// symbols as the optimizer's `equations` text writes them, the same expression with this
/// step's values in their place, and what it came to:
///
///     b ← μ·b + g  =  0.9·(0.12, -0.5) + (1.3, 0.2)  =  (1.408, -0.25)
///
/// The numbers are kept exact (the renderer shortens them to fit), so substituting them
/// reproduces the step: the equations panel can never disagree with the trajectory.
public struct LiveEquation: Sendable, Equatable {
  /// A piece of an expression: symbols written as they are, or a value.
  public enum Term: Sendable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    case number(Double)
    /// Per coordinate: a pair on a surface, a network's weights.
    case vector([Double])

    public init(stringLiteral text: String) { self = .text(text) }

    /// A vector of parameters.
    public static func v<V: ParameterVector>(_ v: V) -> Term {
      .vector((0..<v.scalarCount).map { v[$0] })
    }

    /// A number.
    public static func n(_ x: Double) -> Term { .number(x) }
  }

  /// The equation in symbols: "b ← μ·b + g".
  public var symbols: String
  /// Its right-hand side with this step's values; empty when the symbols say it all.
  public var values: [Term]
  /// What it came to; empty when the values say it all.
  public var result: [Term]
  /// What joins the symbols to the values: `=` for an equation, `:` for a line that names
  /// the values it goes on with ("accept if u < p: u = 0.96 → rejected").
  public var link: String

  public init(_ symbols: String, _ values: [Term] = [], is result: [Term] = [], link: String = "=")
  {
    self.symbols = symbols
    self.values = values
    self.result = result
    self.link = link
  }

  public init(_ symbols: String, _ values: [Term] = [], is result: Term, link: String = "=") {
    self.init(symbols, values, is: [result], link: link)
  }

  /// Whether the result is words ("accepted"), joined by → rather than =.
  public var resultIsWords: Bool {
    result.allSatisfy { if case .text = $0 { true } else { false } }
  }

  /// Every number in `terms`, in order, vectors' coordinates one by one.
  public static func numbers(_ terms: [Term]) -> [Double] {
    terms.flatMap { term -> [Double] in
      switch term {
      case .text: []
      case .number(let x): [x]
      case .vector(let v): v
      }
    }
  }
}
