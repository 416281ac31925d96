/// An optimizer: an initial state, and a pure step from one state to the next, written once
/// for any parameter vector (`SIMD2<Double>` on a surface, `Parameters` for a network's
/// weights).
///
/// Because states are values, a run's history is just an array of states: rewinding,
/// replaying and racing several optimizers from one start need nothing more. A state may
/// hold many points (a population) and a step may evaluate f several times; `members` and
/// `evaluations` report both.
///
/// Each optimizer is one file: the type, and its `OptimizerSpec` (name, family, settings,
/// equations), listed once in `OptimizerRegistry.all`.
public protocol Optimizer: Sendable {
  /// Which registered optimizer this is.
  var kind: OptimizerKind { get }
  /// The settings in effect, defaults filled in.
  var hyperparameters: Hyperparameters { get }
  /// The state at `x`, before any update (step 0).
  func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point>
  /// The state after one more update.
  func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point>
  /// What the inspector shows of the last update of `state`: by default the rows the step
  /// stored; an optimizer may work them out only when asked (a gradient rule's step then
  /// allocates nothing for them).
  func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow]
  /// `step` on a surface, with the objective's type erased: what `Run` calls. It is a
  /// requirement, with `step` as its default, so that each optimizer's witness is its `step`
  /// compiled for the plane. Called through `any Optimizer`, the generic `step` runs as
  /// generic code, looking up type metadata at every operation on a point: twice the time
  /// of Adam's step.
  func surfaceStep(_ state: Iterate<SIMD2<Double>>, on f: inout SurfaceObjective)
    -> Iterate<SIMD2<Double>>
  /// The update from `previous` to `state` (one step) written out with the numbers it used,
  /// one line per equation of its spec (see `LiveEquation`). Worked out only when asked, from
  /// the two states alone, so stepping stores nothing for it; empty when it cannot say.
  func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
}

extension Optimizer {
  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] { state.rows }

  public func surfaceStep(_ state: Iterate<SIMD2<Double>>, on f: inout SurfaceObjective)
    -> Iterate<SIMD2<Double>>
  {
    step(state, on: &f)
  }

  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  { [] }
}

/// An optimizer's state after some updates: where it is, what it has spent, what the last
/// update did (for the inspector and the map), and its own memory.
public struct Iterate<V: ParameterVector>: Sendable {
  /// The current point (for a population, the best point so far).
  public var position: V
  /// f at `position`.
  public var loss: Double
  /// ∇f at `position`, for optimizers that compute it.
  public var gradient: V?
  /// Updates done so far.
  public var step: Int
  /// Evaluations of f and of ∇f spent so far, including those at the start.
  public var evaluations: EvaluationCount
  /// The internals of the last update, as labelled values, for optimizers that store them
  /// (read them with `Optimizer.rows(of:)`); empty at step 0.
  public var rows: [InspectorRow]
  /// Every point a population holds; empty for a method that holds one.
  public var members: [V]
  /// What the last update drew on the map: a simplex, a search direction, a proposal.
  public var marks: [Mark<V>]
  /// What the optimizer carries between steps (a momentum buffer, a random generator). Only
  /// the optimizer that made the state reads it, with `memory(as:)`.
  public var memory: any Sendable {
    get { gradientMemory ?? boxedMemory }
    set {
      gradientMemory = nil
      boxedMemory = newValue
    }
  }

  /// A gradient method's memory, held in place: in an existential it would not fit the
  /// three words kept inline, and each step would allocate a box for it. Any other memory
  /// is in `boxedMemory`.
  @usableFromInline var gradientMemory: GradientMemory<V>?
  @usableFromInline var boxedMemory: any Sendable

  @inlinable
  public init<Memory: Sendable>(
    position: V, loss: Double, gradient: V? = nil, step: Int = 0,
    evaluations: EvaluationCount, rows: [InspectorRow] = [], members: [V] = [],
    marks: [Mark<V>] = [], memory: Memory = ()
  ) {
    self.position = position
    self.loss = loss
    self.gradient = gradient
    self.step = step
    self.evaluations = evaluations
    self.rows = rows
    self.members = members
    self.marks = marks
    // Compiled for a gradient method's memory, the cast is no work at all.
    if let memory = memory as? GradientMemory<V> {
      gradientMemory = memory
      boxedMemory = ()
    } else {
      gradientMemory = nil
      boxedMemory = memory
    }
  }

  /// The memory, as the optimizer that made this state stored it.
  @inlinable
  public func memory<M>(as type: M.Type) -> M {
    let found = gradientMemory.map { $0 as? M } ?? boxedMemory as? M
    guard let found else {
      preconditionFailure("a state stepped by an optimizer that did not make it")
    }
    return found
  }

  /// Every point the optimizer holds: its members, or its one position.
  public var points: [V] { members.isEmpty ? [position] : members }
}

/// One line of the inspector: a label, a value, and words after it.
public struct InspectorRow: Sendable, Equatable {
  public enum Value: Sendable, Equatable {
    /// Per coordinate: a pair on a surface, a network's weights (shown by their norm).
    case vector([Double])
    case number(Double)
    case text(String)
  }
  public var label: String
  public var value: Value
  /// Appended as written: " accepted", "% of the last 50".
  public var suffix: String

  public init(_ label: String, _ value: Value, _ suffix: String = "") {
    self.label = label
    self.value = value
    self.suffix = suffix
  }

  /// A row for a vector of parameters.
  public static func vector<V: ParameterVector>(_ label: String, _ v: V, _ suffix: String = "")
    -> InspectorRow
  {
    InspectorRow(label, .vector((0..<v.scalarCount).map { v[$0] }), suffix)
  }

  /// A row of a number.
  public static func number(_ label: String, _ x: Double, _ suffix: String = "") -> InspectorRow {
    InspectorRow(label, .number(x), suffix)
  }

  /// A row of words.
  public static func text(_ label: String, _ words: String) -> InspectorRow {
    InspectorRow(label, .text(words))
  }
}

/// Something an optimizer draws on the map for one update: its internals, in parameter
/// space (a network's are drawn by their shadows on the plane).
public struct Mark<V: ParameterVector>: Sendable {
  public enum Shape: Sendable {
    /// Points, each drawn as a dot.
    case points([V])
    /// A polyline through the points; `closed` joins the last to the first.
    case path([V], closed: Bool)
    /// A straight segment from one point to another: a search direction, a step.
    case segment(V, V)
  }
  /// How strongly it is drawn: the thing to look at, or context around it.
  public enum Role: Sendable, Equatable {
    case primary, secondary
  }
  public var shape: Shape
  public var role: Role
  /// What it is, for tests and legends: "simplex", "proposal", "direction".
  public var name: String

  public init(_ name: String, _ shape: Shape, role: Role = .primary) {
    self.name = name
    self.shape = shape
    self.role = role
  }

  /// The same mark with every point mapped (a network's weights to their shadow).
  public func map<W: ParameterVector>(_ f: (V) -> W) -> Mark<W> {
    let shape: Mark<W>.Shape =
      switch self.shape {
      case .points(let points): .points(points.map(f))
      case .path(let points, let closed): .path(points.map(f), closed: closed)
      case .segment(let a, let b): .segment(f(a), f(b))
      }
    return Mark<W>(name, shape, role: role == .primary ? .primary : .secondary)
  }
}
