import DescentCore
import Foundation

// Fuzz targets for libFuzzer, one binary for all four. `Fuzz/run.sh TARGET` builds this with
// ASan, coverage instrumentation and -DFUZZING, links libFuzzer's driver, and runs it on the
// seed corpus; DESCENT_FUZZ_TARGET picks the target. Built normally, the binary
// replays files through the same targets: `FuzzDescent TARGET FILE...`, for regressions;
// `FuzzDescent toml-json FILE` prints what the TOML reader reads from FILE as JSON (for the
// differential test against Python's tomllib, Fuzz/differential/tomllib_diff.py).

/// One input through one target. Anything but a clean return (a trap, a sanitizer report,
/// a hang) is a bug.
func fuzz(_ target: String, _ data: Data) {
  let text = String(decoding: data, as: UTF8.self)
  switch target {
  case "expression": fuzzExpression(text)
  case "scene": fuzzScene(text)
  case "lesson": fuzzLesson(text)
  case "toml": fuzzTOML(text)
  default: fatalError("unknown fuzz target '\(target)': expression, scene, lesson or toml")
  }
}

/// Parse, compile to a tape, then evaluate the value, gradient and Hessian at a few points and
/// on a small grid, with a parameter and a dataset input available by name.
func fuzzExpression(_ text: String) {
  guard let tape = try? Tape(text, parameters: ["a": 1.5], inputs: ["u"]) else { return }
  var evaluator = TapeEvaluator(tape)
  for point in [SIMD2(0.0, 0.0), SIMD2(1, -1), SIMD2(-2.5, 1e-3), SIMD2(1e300, -1e-300)] {
    _ = evaluator.value(at: point)
    _ = evaluator.valueAndGradient(at: point)
    _ = evaluator.hessian(at: point)
  }
  _ = tape.values(xs: [-1, 0, 1], ys: [-2, 2], inputs: [0.5])
}

/// A network scene's reference run is bounded at a thousandth of a file's (about a
/// millisecond): its cost, not its code, grows with the bound, and a second-long run per
/// input would slow the fuzzer a hundredfold and trip its time limit under ASan.
func fuzzScene(_ text: String) {
  let work = SceneLoader.maximumReferenceWork / 1000
  _ = SceneLoader.load(text: text, file: "fuzz.toml", name: "fuzz", referenceWork: work) { _ in
    .success("u,v\n1,2\n3,4\n")
  }
}

func fuzzLesson(_ text: String) {
  _ = LessonLoader.load(text: text, file: "fuzz.toml", name: "fuzz") { name in
    SceneLibrary.builtin(named: name).map { .success($0) }
      ?? .failure(.notFound("no built-in scene named '\(name)'"))
  }
}

/// The TOML reader alone: read the document, then map every string back to the file.
func fuzzTOML(_ text: String) {
  _ = TOMLDebug.readEverything(text)
}

/// `toml-json FILE...`: one line per file, `{"json": DOCUMENT}` with the document in
/// toml-test's tagged JSON, or `{"error": "LINE:COLUMN: message"}`.
func printTOMLAsJSON(_ paths: some Collection<String>) -> Never {
  for path in paths {
    let data = FileManager.default.contents(atPath: path) ?? Data()
    guard let text = String(data: data, encoding: .utf8) else {
      print(JSONValue.object([("error", .string("not UTF-8"))]).rendered())
      continue
    }
    switch TOMLDebug.taggedJSON(text) {
    case .success(let json): print("{\"json\":\(json)}")
    case .failure(let error): print(JSONValue.object([("error", .string("\(error)"))]).rendered())
    }
  }
  exit(0)
}

#if FUZZING
  // libFuzzer's driver, from libclang_rt.fuzzer_no_main (Fuzz/run.sh links it): the binary
  // keeps its own `main`, so the build tools SwiftPM links alongside keep theirs.
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  @main enum Fuzzer {
    static func main() {
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      let status = LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
        let target = ProcessInfo.processInfo.environment["DESCENT_FUZZ_TARGET"] ?? "expression"
        fuzz(target, bytes.map { Data(bytes: $0, count: count) } ?? Data())
        return 0
      }
      exit(status)
    }
  }
#else
  @main enum Replay {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      if arguments.first == "toml-json" { printTOMLAsJSON(arguments.dropFirst()) }
      guard let target = arguments.first, arguments.count >= 2 else {
        print("usage: FuzzDescent expression|scene|lesson|toml FILE|DIRECTORY...")
        print("       FuzzDescent toml-json FILE...")
        exit(64)
      }
      var count = 0
      for path in arguments.dropFirst() {
        var files = [path]
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
          isDirectory.boolValue
        {
          files =
            (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted().map {
              path + "/" + $0
            } ?? []
        }
        for file in files {
          guard let data = FileManager.default.contents(atPath: file) else { continue }
          fuzz(target, data)
          count += 1
        }
      }
      print("\(target): \(count) inputs, no crash")
    }
  }
#endif
