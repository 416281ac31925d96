import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

/// The view's command line (`:`): exact settings, the start and the speed, checked against
/// the registry's ranges, with completion and history.
@Suite struct CommandLineTests {
  /// Types `:`, then `text`, then Enter.
  func command(_ m: inout Model, _ text: String) -> Effect {
    _ = m.press(.character(":"))
    m.type(text)
    return m.press(.enter)
  }

  @Test func aSettingOfAShownRunIsSetExactlyAndTheRunGoesOn() throws {
    var m = try model("rosenbrock", visible: [.gd, .adam])
    m.type("...")
    _ = command(&m, "gd.lr 0.0009")
    #expect(m.commandLine == nil)
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.0009)
    #expect(m.runs[0].state.step == 3)
    #expect(m.message == "gd lr 0.0009 (r restarts with it)")
    _ = command(&m, "adam.beta1 0.8")
    #expect(m.runs[1].optimizer.hyperparameters.beta1 == 0.8)
    // + and - go on from the exact value; a new exact value replaces what they did.
    m.type("+")
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.0018)
    _ = command(&m, "gd.lr 0.09")
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.09)
    // A restart keeps it.
    m.type("r")
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.09)
  }

  /// A value outside the setting's range, an unknown name, an optimizer not shown, a
  /// malformed number: the message says why and nothing changes.
  @Test func mistakesChangeNothingAndSayWhy() throws {
    var m = try model("rosenbrock", visible: [.gd, .adam])
    let before = m.runs.map { $0.optimizer.hyperparameters }
    let cases: [(String, String)] = [
      ("gd.lr -1", "gd.lr must be greater than 0; unchanged"),
      ("adam.beta1 1.5", "adam.beta1 must be"),
      ("gd.lr x", "gd.lr takes a number, not 'x'"),
      ("gd.lr", "gd.lr takes one value"),
      ("gd.beta1 0.5", "gd has no setting 'beta1'; it reads lr"),
      ("momentum.lr 0.1", "momentum is not shown; o picks the race"),
      ("gdd.lr 0.1", "no optimizer 'gdd'"),
      ("frobnicate", "unknown command 'frobnicate'"),
      ("start 1", "start takes two numbers"),
      ("start 50 50", "start 50 50 is outside the view"),
      ("steps/s 0", "steps/s takes a number from 1 to 1000"),
      ("steps/s 2000", "steps/s takes a number from 1 to 1000"),
    ]
    for (text, expected) in cases {
      _ = command(&m, text)
      #expect(m.message.hasPrefix(expected), "\(text): \(m.message)")
    }
    #expect(m.runs.map { $0.optimizer.hyperparameters } == before)
    #expect(m.stepsPerSecond == Model.defaultSpeed)
    #expect(m.start == m.scene.start)
  }

  @Test func startAndSpeed() throws {
    var m = try model("rosenbrock", visible: [.gd])
    _ = command(&m, "start 1 -0.5")
    #expect(m.start == SIMD2(1, -0.5))
    #expect(m.runs[0].state.position == SIMD2(1, -0.5))
    _ = command(&m, "start 0.5,1")
    #expect(m.start == SIMD2(0.5, 1))
    _ = command(&m, "steps/s 60")
    #expect(m.stepsPerSecond == 60)
    // > and < go on along the scale from there.
    m.type(">")
    #expect(m.stepsPerSecond == 100)
    m.type("<<")
    #expect(m.stepsPerSecond == 30)
  }

  @Test func w_saves() throws {
    var m = try model("bowl", visible: [.gd])
    guard case .saveSetup = command(&m, "w") else {
      Issue.record("w did not ask to save")
      return
    }
  }

  /// While it is open, keys go to the line (q does not quit); Esc cancels; Backspace on an
  /// empty line closes it.
  @Test func keysGoToTheLineAndEscCancels() throws {
    var m = try model("rosenbrock", visible: [.gd])
    _ = m.press(.character(":"))
    #expect(m.press(.character("q")) == .none)
    m.type("a+r")
    #expect(m.commandLine?.text == "qa+r")
    #expect(m.frame().plainText.contains(":qa+r█"))
    _ = m.press(.backspace)
    #expect(m.commandLine?.text == "qa+")
    _ = m.press(.escape)
    #expect(m.commandLine == nil)
    #expect(m.message == "cancelled")
    #expect(m.visible.map(\.kind) == [.gd])
    _ = m.press(.character(":"))
    _ = m.press(.backspace)
    #expect(m.commandLine == nil)
  }

  /// Tab completes optimizer and setting names from the registry, as far as they agree, and
  /// shows the choices that remain.
  @Test func tabCompletesFromTheRegistry() throws {
    var m = try model("rosenbrock", visible: [.gd, .adam])
    _ = m.press(.character(":"))
    m.type("ad")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "adam.")
    let settings = OptimizerKind.adam.spec.settings.map { "adam.\($0.name)" }
    #expect(m.commandLine?.choices == settings)
    m.type("beta")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "adam.beta")
    m.type("1")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "adam.beta1 ")
    m.type("0.8")
    _ = m.press(.enter)
    #expect(m.runs[1].optimizer.hyperparameters.beta1 == 0.8)
    _ = m.press(.character(":"))
    m.type("st")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "st")
    #expect(m.commandLine?.choices == ["start", "steps/s"])
    m.type("e")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "steps/s ")
  }

  /// ↑ and ↓ walk the lines run before, and come back to the one being typed.
  @Test func historyWalksBackAndForth() throws {
    var m = try model("rosenbrock", visible: [.gd])
    _ = command(&m, "gd.lr 0.001")
    _ = command(&m, "steps/s 60")
    _ = command(&m, "steps/s 60")
    #expect(m.commandHistory == ["gd.lr 0.001", "steps/s 60"])
    _ = m.press(.character(":"))
    m.type("gd")
    _ = m.press(.up)
    #expect(m.commandLine?.text == "steps/s 60")
    _ = m.press(.up)
    #expect(m.commandLine?.text == "gd.lr 0.001")
    _ = m.press(.up)
    #expect(m.commandLine?.text == "gd.lr 0.001")
    _ = m.press(.down)
    #expect(m.commandLine?.text == "steps/s 60")
    _ = m.press(.down)
    #expect(m.commandLine?.text == "gd")
    _ = m.press(.up)
    _ = m.press(.up)
    _ = m.press(.backspace)
    m.type("2")
    _ = m.press(.enter)
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.002)
  }

  /// The legend shows lr, and μ and β where the optimizer has them, when it has room.
  @Test func theLegendShowsTheSettingsWhenThereIsRoom() throws {
    var m = try model("rosenbrock", visible: [.gd, .momentum, .adam], width: 160, height: 40)
    _ = command(&m, "gd.lr 0.0009")
    let lines = m.frame().plainText.split(separator: "\n")
    #expect(lines.contains { $0.contains("gd") && $0.contains("lr 0.0009") })
    #expect(lines.contains { $0.contains("momentum") && $0.contains("μ 0.9") })
    #expect(lines.contains { $0.contains("adam") && $0.contains("β 0.9 0.999") })
    // At 80 columns there is no room: the legend is as before.
    _ = m.update(.resize(width: 80, height: 24))
    let legend = m.frame().plainText.split(separator: "\n").filter { $0.contains("loss ") }
    #expect(legend.count == 3)
    #expect(!legend.contains { $0.contains("lr 0.0009") })
  }
}
