import Formats
import Foundation
import Testing

/// Certificates are checked by `Scripts/check-certificate.py`, which shares no
/// code with the package: it confirms every verdict of the default suite, and
/// rejects each tampered certificate.
@Suite struct CertificateTests {
  static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scripts")

  /// Runs the checker on paths.
  static func check(_ paths: [String]) throws -> ToolResult {
    try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", scripts.appendingPathComponent("check-certificate.py").path] + paths)
  }

  static func load(_ path: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
  }

  static func save(_ object: [String: Any], _ path: String) throws {
    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: path))
  }

  /// One digit of a "p/q" string changed (the first digit of p that is not the last).
  static func changeDigit(_ s: String) -> String {
    var chars = Array(s)
    let k = chars.firstIndex { $0.isNumber && $0 != "0" }!
    chars[k] = chars[k] == "9" ? "8" : Character(String(Int(String(chars[k]))! + 1))
    return String(chars)
  }

  @Test func theCheckerConfirmsEveryVerdictOfTheDefaultSuite() throws {
    let directory = try DefaultSuiteRun.certificates()
    let run = try DefaultSuiteRun.result()
    #expect(run.status == 0, "\(run.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let claims = try #require(report["claims"] as? [[String: Any]])
    // The margin problem's outcomes (data stated not separable) have no step and so no certificate.
    let stepClaims = claims.filter { !(($0["id"] as? String)?.hasPrefix("separability.") ?? false) }
    let verdicts = stepClaims.reduce(0) { $0 + (($1["instances"] as? [[String: Any]])?.count ?? 0) }
    // The claims are the shipped catalog's, and its hash is theirs.
    let theorems = Self.scripts.deletingLastPathComponent().appendingPathComponent("theorems").path
    let checked = try Self.check(["--catalog", theorems, directory])
    #expect(checked.status == 0, "\(checked.stdout)\n\(checked.stderr)")
    // One confirmed line per verdict of the report: none is left out.
    let ok = checked.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }
    #expect(ok.count == verdicts, "\(ok.count) confirmed of \(verdicts)")
    #expect(checked.stderr.contains("all confirmed"))
    // And each certificate states the report's verdict for its instance.
    for claim in stepClaims {
      for result in try #require(claim["instances"] as? [[String: Any]]) {
        let name = try #require(result["instance"] as? String)
        let stem = String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
        let certificate = try Self.load(directory + "/" + stem + ".json")
        let stated = (certificate["claims"] as? [[String: Any]])?.first { $0["id"] as? String == claim["id"] as? String }
        #expect(stated?["verdict"] as? String == result["verdict"] as? String, "\(name) \(claim["id"] ?? "")")
      }
    }
  }

  /// A linear, a two-layer KKT, a trained and an explicit-step instance,
  /// each tampered in the ways a wrong tool (or a wrong edit) would.
  @Test func tamperedCertificatesAreRejected() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let base = ["instance", "--generator", "nearly-orthogonal", "--n", "6", "--seed", "3"]
    let instances: [(String, [String])] = [
      ("linear", ["--setting", "linear", "--d", "2000", "--forget", "2"]),
      ("network", ["--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--d", "8000", "--forget", "1"]),
      ("trained", ["--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--start", "trained", "--d", "2000", "--forget", "1"]),
      ("explicit", ["--setting", "linear", "--d", "2000", "--forget", "2", "--step", "0.0005"]),
      ("linear set", ["--setting", "linear", "--d", "2000", "--forget", "0,2,5"]),
      ("network set", ["--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--d", "8000", "--forget", "1,4"]),
    ]
    for (name, arguments) in instances {
      let directory = fixtures.path(name)
      let written = try runTool(base + arguments + ["--certificate", directory])
      #expect(written.status == 0, "\(name): \(written.stderr)")
      let path = directory + "/instance.json"
      let clean = try Self.check([path])
      #expect(clean.status == 0, "\(name): \(clean.stdout)")
      let original = try Self.load(path)

      var tampers: [(String, ([String: Any]) -> [String: Any])] = [
        ("a verdict", { c in
          var c = c, claims = c["claims"] as! [[String: Any]]
          let k = claims.firstIndex { $0["verdict"] as? String == "PROVED" }!
          claims[k]["verdict"] = "REFUTED"
          c["claims"] = claims
          return c
        }),
        ("the data hash", { c in
          var c = c, data = c["data"] as! [String: Any]
          data["sha256"] = Self.changeDigit(data["sha256"] as! String)
          c["data"] = data
          return c
        }),
        ("a label", { c in
          var c = c, labels = c["labels"] as! [Int]
          labels[0] = -labels[0]
          c["labels"] = labels
          return c
        }),
        ("a listed quantity", { c in
          var c = c, q = c["quantities"] as! [String: Any]
          let key = q.keys.sorted().first { k in (q[k] as? [String: Any]).map { ($0["lo"] as? String) == ($0["hi"] as? String) && ($0["lo"] as? String) != "0" } ?? false }!
          var v = q[key] as! [String: Any]
          let changed = Self.changeDigit(v["lo"] as! String)
          v["lo"] = changed
          v["hi"] = changed
          q[key] = v
          c["quantities"] = q
          return c
        }),
        ("one multiplier's digit", { c in
          var c = c, start = c["start"] as! [String: Any], lambda = start["multipliers"] as! [String]
          let k = lambda.firstIndex { $0 != "0" }!
          lambda[k] = Self.changeDigit(lambda[k])
          start["multipliers"] = lambda
          c["start"] = start
          return c
        }),
        ("a margin", { c in
          var c = c, start = c["start"] as! [String: Any], margins = start["margins"] as! [String]
          margins[0] = Self.changeDigit(margins[0])
          start["margins"] = margins
          c["start"] = start
          return c
        }),
        ("the support", { c in
          var c = c, start = c["start"] as! [String: Any], support = start["support"] as! [Int]
          support.removeLast()
          start["support"] = support
          c["start"] = start
          return c
        }),
        ("an optimal multiplier", { c in
          var c = c, step = c["step"] as! [String: Any], mu = step["optimal_multipliers"] as! [String]
          let k = mu.firstIndex { $0 != "0" } ?? 0
          mu[k] = mu[k] == "0" ? "1/3" : Self.changeDigit(mu[k])
          step["optimal_multipliers"] = mu
          c["step"] = step
          return c
        }),
      ]
      tampers.append(("a claim's side", { c in
        var c = c, claims = c["claims"] as! [[String: Any]]
        let k = claims.firstIndex { $0["sides"] != nil }!
        var sides = claims[k]["sides"] as! [String: Any]
        sides["lhs"] = ["lo": "1000001", "hi": "1000002"]
        claims[k]["sides"] = sides
        c["claims"] = claims
        return c
      }))
      if name != "explicit" {
        tampers.append(("the unlearned parameters", { c in
          var c = c, step = c["step"] as! [String: Any], unlearned = step["unlearned"] as! [String: Any]
          var rows = unlearned["coefficients"] as! [[String]]
          let k = rows[0].firstIndex { $0 != "0" }!
          rows[0][k] = Self.changeDigit(rows[0][k])
          unlearned["coefficients"] = rows
          step["unlearned"] = unlearned
          c["step"] = step
          return c
        }))
      }
      if name == "network" {
        tampers.append(("an activation pattern", { c in
          var c = c, start = c["start"] as! [String: Any], patterns = start["patterns"] as! [[Bool]]
          patterns[0][0].toggle()
          start["patterns"] = patterns
          c["start"] = start
          return c
        }))
      }
      if name != "trained" {
        tampers.append(("a coefficient", { c in
          var c = c, start = c["start"] as! [String: Any], parameters = start["parameters"] as! [String: Any]
          var rows = parameters["coefficients"] as! [[String]]
          rows[0][0] = Self.changeDigit(rows[0][0])
          parameters["coefficients"] = rows
          start["parameters"] = parameters
          c["start"] = start
          return c
        }))
        tampers.append(("a retrained multiplier", { c in
          var c = c, retrained = c["retrained"] as! [String: Any], lambda = retrained["multipliers"] as! [String]
          let k = lambda.firstIndex { $0 != "0" }!
          lambda[k] = Self.changeDigit(lambda[k])
          retrained["multipliers"] = lambda
          c["retrained"] = retrained
          return c
        }))
      } else {
        tampers.append(("the trained start's scale", { c in
          var c = c, start = c["start"] as! [String: Any], parameters = start["parameters"] as! [String: Any]
          var base = parameters["base"] as! [String: Any]
          base["scale"] = Self.changeDigit(base["scale"] as! String)
          parameters["base"] = base
          start["parameters"] = parameters
          c["start"] = start
          return c
        }))
      }
      if name.hasSuffix(" set") {
        tampers.append(("the forget set", { c in
          var c = c, instance = c["instance"] as! [String: Any], forget = instance["forget"] as! [Int]
          forget[forget.count - 1] = forget[forget.count - 1] == 5 ? 3 : 5
          instance["forget"] = forget
          c["instance"] = instance
          return c
        }))
      }
      if name == "explicit" {
        tampers.append(("the update coefficient's bounds", { c in
          var c = c, step = c["step"] as! [String: Any], a = step["update_coefficient"] as! [String: Any]
          a["lo"] = "-1/1000"
          a["hi"] = "-1/1001"
          step["update_coefficient"] = a
          c["step"] = step
          return c
        }))
      } else {
        tampers.append(("the update coefficient", { c in
          var c = c, step = c["step"] as! [String: Any], a = step["update_coefficient"] as! [String: Any]
          a["exact"] = Self.changeDigit(a["exact"] as! String)
          step["update_coefficient"] = a
          c["step"] = step
          return c
        }))
      }
      for (what, tamper) in tampers {
        let tampered = directory + "/tampered.json"
        try Self.save(tamper(original), tampered)
        let result = try Self.check([tampered])
        #expect(result.status == 1, "\(name), \(what): \(result.stdout)")
        #expect(result.stdout.contains("FAIL"), "\(name), \(what): \(result.stdout)")
      }
      // The data file itself, one byte changed.
      let data = directory + "/" + ((original["data"] as! [String: Any])["file"] as! String)
      var bytes = try Data(contentsOf: URL(fileURLWithPath: data))
      bytes[bytes.count - 3] ^= 1
      try bytes.write(to: URL(fileURLWithPath: data))
      #expect(try Self.check([path]).status == 1, "\(name): changed data")
    }
  }

  /// Mixtures with d < n, where most multipliers vanish and Q is singular: the
  /// margin problems and the NNLS still come out exact (the checker confirms
  /// the KKT point and the NNLS optimality independently).
  @Test func singularMarginProblemsAreSolvedAndCertified() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("singular")
    let small = try runTool(["instance", "--setting", "linear", "--generator", "gaussian-mixture", "--n", "60", "--d", "20",
                             "--mu-norm", "3", "--seed", "1", "--forget", "0", "--certificate", directory])
    #expect(small.status == 0, "\(small.stderr)")
    let checked = try Self.check([directory])
    #expect(checked.status == 0, "\(checked.stdout)")
    let large = try runTool(["instance", "--setting", "linear", "--generator", "gaussian-mixture", "--n", "200", "--d", "100",
                             "--mu-norm", "3", "--seed", "1", "--forget", "0", "--format", "json"])
    #expect(large.status == 0, "\(large.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(large.stdout.utf8)) as? [String: Any])
    let lambda = try #require((document["quantities"] as? [String: Any])?["lambda"] as? [Any])
    #expect(lambda.count == 200 && lambda.filter { "\($0)" == "0" }.count > 100, "most multipliers vanish")
  }

  /// Exactly orthogonal data (ζ = 0) are p-orthogonal for every p: the Frei-based claims are decided (at
  /// p = 2⁶⁴), not ERROR, in both settings, and the checker confirms them.
  @Test func orthogonalDataDecideThePOrthogonalClaims() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    var rows = [Double](repeating: 0, count: 24)
    for (i, scale) in [1.0, 2, 1.5, 1].enumerated() { rows[i * 6 + i] = scale }
    let x = try fixtures.floats("X.npy", shape: [4, 6], rows)
    let y = try fixtures.floats("y.npy", shape: [4], [1, -1, 1, -1])
    for (k, model) in [["--setting", "linear"], ["--setting", "two-layer", "--width", "4", "--gamma", "1/2"]].enumerated() {
      let directory = fixtures.path("orthogonal-\(k)")
      let result = try runTool(["instance"] + model + ["--data", x, "--labels", y, "--forget", "0", "--certificate", directory])
      #expect(result.status == 0 && !result.stdout.contains("ERROR"), "\(result)")
      #expect(result.stdout.contains("p_orthogonality                 = 18446744073709551616"), "\(result.stdout)")
      let frei = result.stdout.split(separator: "\n").filter { $0.contains("frei.") && $0.contains("multiplier") }
      #expect(!frei.isEmpty && frei.allSatisfy { $0.contains("PROVED") }, "\(frei)")
      let checked = try Self.check([directory])
      #expect(checked.status == 0, "\(checked.stdout)")
    }
  }

  /// A claim restated more weakly passes on its own terms, but not against the catalog.
  @Test func aClaimThatIsNotTheCatalogsIsCaught() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("one")
    #expect(try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "2000",
                         "--forget", "1", "--certificate", directory]).status == 0)
    let path = directory + "/instance.json"
    var certificate = try Self.load(path)
    var claims = try #require(certificate["claims"] as? [[String: Any]])
    let k = try #require(claims.firstIndex { $0["id"] as? String == "linear.unlearning-tau" })
    // A consistent forgery: the weaker statement, without the old statement's sides.
    claims[k]["claim"] = "tau <= 2 * lambda_r * zeta_r"
    claims[k]["sides"] = nil
    certificate["claims"] = claims
    try Self.save(certificate, path)
    #expect(try Self.check([path]).status == 0)
    let theorems = Self.scripts.deletingLastPathComponent().appendingPathComponent("theorems").path
    let against = try Self.check(["--catalog", theorems, path])
    #expect(against.status == 1 && against.stdout.contains("does not state what the catalog states"), "\(against.stdout)")
    // Without a TOML reader (Python ≤ 3.10 without tomli) the forgery must not pass on the hash alone:
    // the checker fails closed. Modules on PYTHONPATH come before the standard library, so these hide it.
    let hidden = fixtures.path("no-toml")
    try FileManager.default.createDirectory(atPath: hidden, withIntermediateDirectories: true)
    for module in ["tomllib", "tomli"] {
      try "raise ImportError('hidden by the test')\n".write(toFile: hidden + "/\(module).py", atomically: true, encoding: .utf8)
    }
    let script = Self.scripts.appendingPathComponent("check-certificate.py").path
    let closed = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["PYTHONPATH=" + hidden, "python3", script, "--catalog", theorems, path])
    #expect(closed.status == 65 && closed.stderr.contains("needs a TOML reader"), "\(closed)")
  }

  @Test func malformedCertificatesExit65() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("one")
    #expect(try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "4", "--d", "200",
                         "--forget", "0", "--certificate", directory]).status == 0)
    let path = directory + "/instance.json"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let broken = directory + "/broken.json"
    for variant in [String(text.prefix(text.count / 2)), text.replacingOccurrences(of: "unlearning-check certificate 1", with: "other"),
                    text.replacingOccurrences(of: "\"multipliers\": [", with: "\"multipliers\": 7, \"x\": [")] {
      try variant.write(toFile: broken, atomically: true, encoding: .utf8)
      let result = try Self.check([broken])
      #expect(result.status == 65, "\(result.stdout)")
      #expect(result.stdout.contains("MALFORMED"), "\(result.stdout)")
    }
    #expect(try Self.check([directory + "/missing.json"]).status == 65)
    // Data cut inside or below its header, with the hash made to match: one MALFORMED line, never a traceback.
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/instance.data.npy"))
    for cut in [0, 5, 9, 11, 40] {
      let prefix = data.prefix(cut)
      try prefix.write(to: URL(fileURLWithPath: directory + "/cut.data.npy"))
      var certificate = try Self.load(path)
      var file = try #require(certificate["data"] as? [String: Any])
      file["file"] = "cut.data.npy"
      file["sha256"] = SHA256.hex(prefix)
      certificate["data"] = file
      try Self.save(certificate, broken)
      let result = try Self.check([broken])
      #expect(result.status == 65 && result.stdout.contains("MALFORMED") && !result.stderr.contains("Traceback"), "cut at \(cut): \(result)")
    }
  }
}
