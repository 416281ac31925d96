import ArgumentParser

@main
struct Descent: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descent",
    abstract: "Watch optimizers move across a loss surface.",
    discussion: """
      Every loss and gradient is computed by backpropagation over a tape. Where torch.optim \
      or scipy has the method, descent's optimizer reproduces it; `descent run --help` lists \
      them all by family.

      Exit codes: 64 usage error, 65 bad data (an expression that does not parse, an \
      invalid hyperparameter), 66 missing file, a path that is not a regular file, or unknown \
      scene, 69 a terminal that cannot show the interactive view, 73 an output file that \
      cannot be created, 74 output that cannot be written (a full disk).
      """,
    version: descentVersion,
    subcommands: [
      OpenCommand.self, RunCommand.self, EvalCommand.self, RenderCommand.self,
      ScenesCommand.self, CheckCommand.self, DemoCommand.self, CostCommand.self,
      CompareCommand.self,
      SoakCommand.self,
    ],
    defaultSubcommand: OpenCommand.self)
}
