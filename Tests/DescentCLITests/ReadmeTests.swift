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
