/// One kind of claim: the key that names it, the keys it reads, what it requires of them,
/// and how `ClaimChecker` measures it. A new kind is one file in this folder defining a
/// `static let` like `ClaimKind.faster`, plus its line in `ClaimKind.all`.
public struct ClaimKind: Sendable, Equatable, CustomStringConvertible {
  /// The key that names the kind and holds its optimizer(s): `faster = ["a", "b"]`.
  public let name: String
  /// The keys this kind reads besides its own, `steps`, `gradient` and `optimizers`.
  let keys: [String]
  /// What the kind's own key may name, when it is not an optimizer: `price = "backprop"`.
  var subjects: [String]? = nil
  /// Problems with a claim as written; `given` holds the keys the table has.
  let validate: @Sendable (_ claim: Claim, _ given: Set<String>) -> [Problem]
  /// Whether the claim holds, and what was measured, within `horizon` steps.
  let measure:
    @Sendable (_ claim: Claim, _ horizon: Int, _ runs: inout ClaimChecker.Runs)
      throws(HyperparameterError) -> (holds: Bool, measured: String)

  /// Every kind, in the order messages list them.
  public static let all: [ClaimKind] = [
    .faster, .reaches, .misses, .stalls, .diverges, .stable, .basin, .counts, .price,
  ]

  /// The keys every kind reads.
  static let commonKeys = ["steps", "gradient", "optimizers"]

  public var description: String { name }
  public static func == (a: ClaimKind, b: ClaimKind) -> Bool { a.name == b.name }

  /// A problem with a claim: at its `key` (or at the kind's key when nil), at the value or
  /// at the key.
  struct Problem {
    var key: String?
    var value = false
    var message: String
  }
}

// MARK: - Pieces the kinds share

extension ClaimKind {
  /// A kind that needs a target, `loss = ...` or `distance = ...`.
  static func needsTarget(_ name: String, _ given: Set<String>) -> [Problem] {
    given.contains("loss") || given.contains("distance")
      ? [] : [Problem(message: "`\(name)` needs a target: `loss = ...` or `distance = ...`")]
  }

  /// Runs each optimizer of the claim and says for each whether `test` holds.
  static func each(
    _ claim: Claim, _ runs: inout ClaimChecker.Runs, steps: Int,
    _ test: (RunSpec, ClaimChecker.Probe) -> (Bool, String)
  ) throws(HyperparameterError) -> (holds: Bool, measured: String) {
    var texts: [String] = []
    var holds = true
    for kind in claim.optimizers {
      let (ok, text) = test(kind, try runs.probe(kind, steps: steps))
      texts.append(text)
      holds = holds && ok
    }
    return (holds, texts.joined(separator: "; "))
  }
}
