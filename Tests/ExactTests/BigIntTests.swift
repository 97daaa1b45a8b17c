import Exact
import PropertyBased
import Testing

@Suite struct BigIntArithmeticTests {
  @Test func agreesWithIntArithmetic() async {
    await propertyCheck(count: 500, input: Gen.int(in: -(1 << 31)...(1 << 31)), Gen.int(in: -(1 << 31)...(1 << 31))) { a, b in
      let x = BigInt(a), y = BigInt(b)
      #expect((x + y).exactInt == a + b)
      #expect((x - y).exactInt == a - b)
      #expect((x * y).exactInt == a * b)
      #expect((x < y) == (a < b))
      #expect((x == y) == (a == b))
      if b != 0 {
        let (qt, rm) = x.quotientAndRemainder(dividingBy: y)
        #expect(qt.exactInt == a / b && rm.exactInt == a % b)
        let floorQ = Int((Double(a) / Double(b)).rounded(.down))
        #expect(x.floorDivided(by: y).exactInt == floorQ)
        #expect(x.ceilingDivided(by: y).exactInt == Int((Double(a) / Double(b)).rounded(.up)))
      }
    }
  }

  @Test func shiftsRoundTowardNegativeInfinity() {
    // The bug swift-bignum PR #18 fixed: −3 >> 1 must be −2, as for Int.
    #expect((BigInt(-3) >> 1).exactInt == -3 >> 1)
    #expect((BigInt(-3) >> 1).exactInt == -2)
    #expect(BigInt(-3).ceilingShiftedRight(by: 1).exactInt == -1)
    #expect((BigInt(5) << 70) >> 70 == BigInt(5))
  }

  @Test func convertsEveryBinaryIntegerExactly() {
    #expect(BigInt(Int.min).description == "\(Int.min)")
    #expect(BigInt(UInt64.max).description == "18446744073709551615")
    let big = Int128(1) << 100 + 12345
    #expect(BigInt(big).description == "\(big)")
    #expect(BigInt(-big).description == "\(-big)")
    #expect(BigInt(UInt64.max).exactInt == nil)
  }

  @Test func stringRoundTrips() async {
    await propertyCheck(count: 300, input: Gen.int(), Gen.int()) { hi, lo in
      let value = (BigInt(hi) << 64) + BigInt(lo)
      #expect(BigInt(value.description) == value)
      #expect(BigInt(value.toString(radix: 16), radix: 16) == value)
    }
    #expect(BigInt("12a") == nil)
    #expect(BigInt("") == nil)
    #expect(BigInt("-") == nil)
    #expect(BigInt(" 1") == nil)
  }

  @Test func hashingIsByValue() {
    let a = (BigInt(1) << 80) - BigInt(1)
    let b = BigInt("1208925819614629174706175")!
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(Set([a, b, -a]).count == 2)
  }

  @Test func copyOnWriteLeavesTheOriginalUntouched() {
    let original = BigInt(1) << 100
    var copy = original
    copy += BigInt(1)
    #expect(original == BigInt(1) << 100)
    #expect(copy == (BigInt(1) << 100) + BigInt(1))
    var other = original
    other.negate()
    other.addProduct(original, original)
    #expect(original == BigInt(1) << 100)
  }

  @Test func aliasedArgumentsAreSafe() {
    var x = BigInt(7) << 65
    let expectedDouble = x * BigInt(2)
    x += x
    #expect(x == expectedDouble)
    let expectedSquare = x * x
    x *= x
    #expect(x == expectedSquare)
    var y = BigInt(3)
    y.addProduct(y, y)  // y = 3 + 3·3
    #expect(y == BigInt(12))
    y -= y
    #expect(y.isZero)
  }

  @Test func squareRootsAndBits() {
    let (root, exact) = BigInt(1 << 40).squareRootFloor()
    #expect(root == BigInt(1 << 20) && exact)
    let (root2, exact2) = BigInt((1 << 40) + 1).squareRootFloor()
    #expect(root2 == BigInt(1 << 20) && !exact2)
    #expect(BigInt(255).bitLength == 8 && BigInt(256).bitLength == 9 && BigInt(0).bitLength == 0)
    #expect(BigInt(-256).isPowerOfTwo && !BigInt(255).isPowerOfTwo)
    #expect(BigInt(40).trailingZeroBitCount == 3)
  }
}
