/// Writes trajectories as CSV or JSON, the output of `descent run`, as they are computed:
/// memory does not grow with the number of steps.
public enum TrajectoryFormat {
  /// The CSV header. The first five columns are a contract; columns may be added after them.
  public static let csvHeader = "optimizer,step,x,y,loss"

  /// Rows of population methods kept in memory, counted in points (a row and each member of
  /// its population), before a JSON run is computed a second time instead (see `json`).
  public static let bufferedPoints = 20_000

  /// The CSV line of one row, newline included. Numbers are written in Swift's shortest
  /// round-tripping form (`nan` and `inf` where a diverged run produced them). The whole CSV
  /// is `csvHeader`, a newline, then these lines, runs one after another.
  public static func csvLine(_ row: Trajectory.Row, of optimizer: OptimizerKind) -> String {
    csvLine(row, named: optimizer.rawValue)
  }

  /// The CSV line of one row of the run called `name` (`gd`, `gd@lr=0.05`).
  public static func csvLine(_ row: Trajectory.Row, named name: String) -> String {
    "\(name),\(row.step),\(row.position.x),\(row.position.y),\(row.loss)\n"
  }

  /// Writes a JSON object with the surface and one entry per run (its hyperparameters,
  /// start, evaluation counts, divergence, and rows), piece by piece through `write`, and
  /// returns each run's trajectory without its rows.
  ///
  /// `run(i, each)` computes run `i` from the start, handing every row to `each`, and returns
  /// its trajectory; it must give the same rows every time. A run's counts and divergence
  /// precede its rows in the document, so a run whose rows hold more than `bufferedPoints`
  /// points is computed twice: once for them, then again with its rows written as they come.
  public static func json(
    runs count: Int, surface: Surface, scene: String?, network: NetworkScene? = nil,
    bufferedPoints: Int = bufferedPoints,
    run: (Int, (Trajectory.Row) throws -> Void) throws -> Trajectory,
    write: (String) throws -> Void
  ) rethrows -> [Trajectory] {
    try write(opened(head(surface: surface, scene: scene, network: network)) + ",\"runs\":[")
    var trajectories: [Trajectory] = []
    for index in 0..<count {
      var buffered: [Trajectory.Row] = []
      var points = 0
      var overflowed = false
      var trajectory = try run(index) { row in
        guard !overflowed else { return }
        points += 1 + (row.population?.count ?? 0)
        if points > bufferedPoints {
          overflowed = true
          buffered = []
        } else {
          buffered.append(row)
        }
      }
      try write((index > 0 ? "," : "") + opened(summary(trajectory)) + ",\"rows\":[")
      let optimizer = trajectory.name
      if overflowed {
        var first = true
        // `run` cannot call back into `write` on its own: the closures only nest.
        trajectory = try withoutActuallyEscaping(write) { write in
          try run(index) { row in
            try write((first ? "" : ",") + Self.row(row, of: optimizer).rendered())
            first = false
          }
        }
      } else {
        for (i, row) in buffered.enumerated() {
          try write((i > 0 ? "," : "") + Self.row(row, of: optimizer).rendered())
        }
      }
      try write("]}")
      trajectories.append(trajectory)
    }
    try write("]}")
    return trajectories
  }

  /// The document's members before `runs`: the scene, and the network or the expression.
  static func head(surface: Surface, scene: String?, network: NetworkScene?) -> JSONValue {
    var top: [(String, JSONValue)] = [("scene", scene.map { .string($0) } ?? .null)]
    if let network {
      top.append(
        (
          "network",
          .object([
            ("layers", .array(network.mlp.layers.map { .integer($0) })),
            ("activation", .string(network.mlp.activation.rawValue)),
            ("loss", .string(network.mlp.loss.rawValue)),
            ("parameters", .integer(network.mlp.parameterCount)),
            ("dataset", .string(network.dataName)), ("samples", .integer(network.data.count)),
          ])
        ))
    } else {
      let parameters = surface.parameters.sorted { $0.key < $1.key }.map {
        ($0.key, JSONValue.number($0.value))
      }
      top += [
        ("expression", .string(surface.expression)), ("parameters", .object(parameters)),
      ]
    }
    return .object(top)
  }

  /// A run's members before `rows`.
  static func summary(_ t: Trajectory) -> JSONValue {
    let spec = t.optimizer.spec
    var settings = t.hyperparameters.entries.map { entry -> (String, JSONValue) in
      if entry.name == "seed" {
        return (entry.name, .integer(Int(truncatingIfNeeded: t.hyperparameters.seed ?? 0)))
      }
      let integer = spec.setting(entry.name)?.isInteger == true
      return (entry.name, integer ? .integer(Int(entry.value)) : .number(entry.value))
    }
    settings += t.hyperparameters.wordEntries.map { ($0.name, .string($0.value)) }
    return .object([
      ("optimizer", .string(t.name)),
      ("uses_gradient", .bool(t.optimizer.usesGradient)),
      ("hyperparameters", .object(settings)),
      ("start", .array([.finite(t.start.x), .finite(t.start.y)])),
      ("steps", .integer(t.steps)),
      ("function_evaluations", .integer(t.evaluations.values)),
      ("gradient_evaluations", .integer(t.evaluations.gradients)),
      ("diverged", .bool(t.divergedAt != nil)),
      ("diverged_at_step", t.divergedAt.map { .integer($0) } ?? .null),
    ])
  }

  /// One row: the CSV's five fields, then `accuracy` for a network and `population` for a
  /// population method.
  static func row(_ row: Trajectory.Row, of optimizer: String) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("optimizer", .string(optimizer)), ("step", .integer(row.step)),
      ("x", .finite(row.position.x)), ("y", .finite(row.position.y)),
      ("loss", .finite(row.loss)),
    ]
    if let accuracy = row.accuracy { fields.append(("accuracy", .finite(accuracy))) }
    if let population = row.population {
      fields.append(
        ("population", .array(population.map { .array([.finite($0.x), .finite($0.y)]) })))
    }
    return .object(fields)
  }

  /// A non-empty object's text without its closing brace, for members to follow.
  private static func opened(_ object: JSONValue) -> String {
    String(object.rendered().dropLast())
  }
}
