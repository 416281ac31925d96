import DescentCore
import DescentRender
import Foundation
import Testing

/// The README's key table must say what the key table does.
@Suite struct ReadmeTests {
  @Test func everyKeyRowIsInTheReadme() throws {
    let readme = try String(
      contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") }
    for row in KeyTable.rows {
      #expect(
        rows.contains { $0.hasSuffix("| \(row.help) |") }, "README lacks the key row: \(row.help)")
    }
  }

  @Test func readmeOpensWithTheRunAndTestCommands() throws {
    let readme = try String(
      contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    let opening = readme.split(separator: "\n").prefix(6).joined(separator: "\n")
    #expect(opening.contains("swift run descent"))
    #expect(opening.contains("swift test"))
  }
}

/// The README's optimizer table is the registry's: every optimizer, in order, with its
/// family, equations and defaults as its spec declares them.
@Suite struct ReadmeOptimizerTableTests {
  @Test func theOptimizerTableIsTheRegistry() throws {
    let readme = try String(
      contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "## The optimizers\n")).upperBound
    let end = try #require(readme.range(of: "\n## ", range: start..<readme.endIndex)).lowerBound
    let rows = readme[start..<end].split(separator: "\n").filter { $0.hasPrefix("| `") }
    #expect(rows.count == OptimizerRegistry.all.count)
    for (row, spec) in zip(rows, OptimizerRegistry.all) {
      // The reference column (the library call it reproduces) is the README's own words.
      let cells = row.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      let reference = cells.count > 4 ? cells[4] : ""
      #expect(
        String(row) == spec.readmeRow(reference: reference),
        "expected the row:\n\(spec.readmeRow(reference: reference))")
    }
  }
}
