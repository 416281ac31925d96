/// Writes trajectories as CSV or JSON, the output of `descent run`.
public enum TrajectoryFormat {
  /// The CSV header. The first five columns are a contract; columns may be added after them.
  public static let csvHeader = "optimizer,step,x,y,loss"

  /// One header line, then one line per row of every trajectory, runs one after another.
  /// Numbers are written in Swift's shortest round-tripping form (`nan` and `inf` where a
  /// diverged run produced them).
  public static func csv(_ trajectories: [Trajectory]) -> String {
    var out = csvHeader + "\n"
    for trajectory in trajectories {
      let name = trajectory.optimizer.rawValue
      for row in trajectory.rows {
        out += "\(name),\(row.step),\(row.position.x),\(row.position.y),\(row.loss)\n"
      }
    }
    return out
  }

  /// A JSON object with the surface and one entry per run: its hyperparameters, start,
  /// evaluation counts, divergence, and rows.
  public static func json(
    _ trajectories: [Trajectory], surface: Surface, scene: String?, network: NetworkScene? = nil
  ) -> JSONValue {
    let parameters = surface.parameters.sorted { $0.key < $1.key }.map {
      ($0.key, JSONValue.number($0.value))
    }
    let runs = trajectories.map { t -> JSONValue in
      let integers = Set(Hyperparameters.integerFields.map(\.name))
      let settings = t.hyperparameters.entries.map { entry -> (String, JSONValue) in
        if entry.name == "seed" {
          return (entry.name, .integer(Int(truncatingIfNeeded: t.hyperparameters.seed ?? 0)))
        }
        return (
          entry.name,
          integers.contains(entry.name) ? .integer(Int(entry.value)) : .number(entry.value)
        )
      }
      let rows = t.rows.map { row -> JSONValue in
        var fields: [(String, JSONValue)] = [
          ("optimizer", .string(t.optimizer.rawValue)), ("step", .integer(row.step)),
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
      return .object([
        ("optimizer", .string(t.optimizer.rawValue)),
        ("uses_gradient", .bool(t.optimizer.usesGradient)),
        ("hyperparameters", .object(settings)),
        ("start", .array([.finite(t.start.x), .finite(t.start.y)])),
        ("steps", .integer(t.rows.last?.step ?? 0)),
        ("function_evaluations", .integer(t.evaluations.values)),
        ("gradient_evaluations", .integer(t.evaluations.gradients)),
        ("diverged", .bool(t.divergedAt != nil)),
        ("diverged_at_step", t.divergedAt.map { .integer($0) } ?? .null),
        ("rows", .array(rows)),
      ])
    }
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
      top += [
        ("expression", .string(surface.expression)), ("parameters", .object(parameters)),
      ]
    }
    return .object(top + [("runs", .array(runs))])
  }
}
