using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpikeSharp;

/// <summary>
/// Elementary float functions whose scalar (<see cref="float"/>) and lane-wise (<see cref="Vector256{T}"/>,
/// <see cref="Vector512{T}"/>) forms give identical bits by construction, for generated step kernels that run one
/// expression per neuron on whichever path (vector body or scalar tail) and must not depend on which ran.
/// </summary>
/// <remarks>
/// <para>Every function is written once as an algorithm and instantiated three times with the same name, so that a code
/// generator prints one expression text for all three paths. The three forms perform the same IEEE-754 binary32
/// operations (add, subtract, multiply, divide, square root, compare-and-select, integer bit manipulation) in the same
/// order, each correctly rounded to nearest-even, so they agree bit for bit, also under the software fallback of a
/// vector type the machine does not accelerate. No fused multiply–add is used anywhere (a fused form rounds once where
/// the others round twice); .NET does not contract a separate multiply and add into one. Branches of the scalar form are
/// conditional expressions that mirror the vector form's <c>ConditionalSelect</c> on a compare mask.</para>
/// <para>.NET's own <see cref="MathF.Exp"/> and <see cref="Vector512.Exp(Vector512{float})"/> make no such promise
/// (they are different algorithms), which is why these exist.</para>
/// <para>Accuracy (measured by <c>VMathTests</c> against <see cref="Math"/>'s double functions rounded to float):
/// <see cref="Exp(float)"/> and <see cref="Log(float)"/> within 1 ulp over their normal ranges, <see cref="Tanh(float)"/>
/// within 2 ulp; <see cref="Pow(float, float)"/>'s error grows with |y·ln x| (see there). NaN results are NaN in every
/// form, their payload not specified.</para>
/// </remarks>
public static class VMath
{
    // ln 2 split for Cody–Waite reduction (W. J. Cody, W. Waite, Software Manual for the Elementary Functions, 1980):
    // Ln2Hi is ln 2 truncated to a multiple of 2^-16 (0x3F317200, 15 significant bits), so k·Ln2Hi is exact for every
    // |k| < 512 (at most 24 bits); Ln2Lo = ln 2 − Ln2Hi rounded to float (0x35BFBE8E). Ln2Hi + Ln2Lo equals ln 2 to
    // about 2^-44 relative.
    private const float Ln2Hi = 0.693145751953125f;
    private const float Ln2Lo = 1.42860677e-06f;
    private const float Log2E = 1.44269502f; // 1/ln 2 rounded to float (0x3FB8AA3B)

    // Adding 1.5·2^23 to a float of magnitude < 2^22 leaves its value rounded to an integer (nearest, ties to even)
    // in the low mantissa bits: the sum's bits minus the constant's bits are that integer, and the sum minus the
    // constant is it as a float. No float→int conversion (whose NaN/overflow rules vary) is needed.
    private const float RoundMagic = 12582912f; // 1.5·2^23, bits 0x4B400000
    private const int RoundMagicBits = 0x4B400000;

    // Exp's input clamp: beyond these the result is +Inf / 0 anyway (see Exp), and within them k = round(x·log2 e)
    // stays in [-150, 128], so both halves of the 2^k scale are normal floats.
    private const float ExpHi = 89f;
    private const float ExpLo = -104f;

    // e^r = 1 + r + r²·(1/2! + r/3! + … + r⁵/7!): the Taylor series to degree 7. On |r| ≤ ln2/2 the first omitted term,
    // r⁸/8!, is below 5.2e-9 (0.09 ulp of e^r ≥ 0.7); each coefficient is 1/n! rounded to float.
    private const float E2 = 1f / 2f, E3 = 1f / 6f, E4 = 1f / 24f, E5 = 1f / 120f, E6 = 1f / 720f, E7 = 1f / 5040f;

    // log(1+f) = 2 atanh(s) with s = f/(2+f) = 2s + s·R(z), z = s², R(z) = 2z/3 + 2z²/5 + 2z³/7 + 2z⁴/9 (the atanh
    // series; on |s| ≤ 0.1716 the first omitted term 2s·z⁵/11 is below 2e-9 relative). Rearranged as in FreeBSD's
    // e_logf.c (after Cody–Waite) to f − (hfsq − s·(hfsq + R)), hfsq = f²/2, so that f enters exactly.
    private const float L1 = 2f / 3f, L2 = 2f / 5f, L3 = 2f / 7f, L4 = 2f / 9f;
    private const int SqrtHalfBits = 0x3F3504F3; // √½ rounded to float: m is taken in [√½, √2)
    private const float MinNormal = 1.17549435e-38f; // 2^-126
    private const float Two23 = 8388608f; // 2^23: scales a subnormal input to a normal one exactly

    // ---------------------------------------------------------------- Exp

    /// <summary>e^x as float, the same bits as the vector overloads' lanes.</summary>
    /// <remarks>
    /// <para>Algorithm: x is clamped to [-104, 89]; k = round-to-nearest-even(x·log2 e); r = (x − k·Ln2Hi) − k·Ln2Lo
    /// (Cody–Waite, |r| ≤ ~0.347, the first product and difference exact); p = 1 + r + r²·P(r), P the Taylor series
    /// of (e^r − 1 − r)/r² to degree 5 (e^r to degree 7); result = (p·2^⌊k/2⌋)·2^(k−⌊k/2⌋), both factors built from
    /// exponent bits, so the only rounding in the scaling is the last multiply.</para>
    /// <para>Special values: x ≥ 88.7228394 (the first float whose e^x rounds above float.MaxValue) and +Inf give +Inf;
    /// NaN gives NaN. Subnormal results (x between about −87.34 and −103.97) are computed, not flushed: the last multiply
    /// rounds p·2^k once, to the subnormal grid (gradual underflow), so their error is within about 1 ulp of the
    /// subnormal spacing 2^-149; below about −103.97 (e^x &lt; 2^-150) and for −Inf the result is +0.</para>
    /// <para>Accuracy: within 1 ulp of e^x rounded to float over 3.1 M samples of the normal-result range, strided
    /// through every binade and random (VMathTests asserts ≤ 2).</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        float xc = x > ExpHi ? ExpHi : x;
        xc = xc < ExpLo ? ExpLo : xc;
        float t = xc * Log2E + RoundMagic;
        float kf = t - RoundMagic;
        int k = BitConverter.SingleToInt32Bits(t) - RoundMagicBits;
        float r = (xc - kf * Ln2Hi) - kf * Ln2Lo;
        float r2 = r * r;
        float q = E7 * r + E6;
        q = q * r + E5;
        q = q * r + E4;
        q = q * r + E3;
        q = q * r + E2;
        float p = (r2 * q + r) + 1f;
        int k1 = k >> 1;
        int k2 = k - k1;
        float s1 = BitConverter.Int32BitsToSingle((k1 + 127) << 23);
        float s2 = BitConverter.Int32BitsToSingle((k2 + 127) << 23);
        float y = (p * s1) * s2;
        return float.IsNaN(x) ? x : y;
    }

    /// <summary>e^x lane-wise, the same bits as <see cref="Exp(float)"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var xc = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(ExpHi)), Vector256.Create(ExpHi), x);
        xc = Vector256.ConditionalSelect(Vector256.LessThan(xc, Vector256.Create(ExpLo)), Vector256.Create(ExpLo), xc);
        var t = xc * Vector256.Create(Log2E) + Vector256.Create(RoundMagic);
        var kf = t - Vector256.Create(RoundMagic);
        var k = t.AsInt32() - Vector256.Create(RoundMagicBits);
        var r = (xc - kf * Vector256.Create(Ln2Hi)) - kf * Vector256.Create(Ln2Lo);
        var r2 = r * r;
        var q = Vector256.Create(E7) * r + Vector256.Create(E6);
        q = q * r + Vector256.Create(E5);
        q = q * r + Vector256.Create(E4);
        q = q * r + Vector256.Create(E3);
        q = q * r + Vector256.Create(E2);
        var p = (r2 * q + r) + Vector256.Create(1f);
        var k1 = Vector256.ShiftRightArithmetic(k, 1);
        var k2 = k - k1;
        var s1 = Vector256.ShiftLeft(k1 + Vector256.Create(127), 23).AsSingle();
        var s2 = Vector256.ShiftLeft(k2 + Vector256.Create(127), 23).AsSingle();
        var y = (p * s1) * s2;
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);
    }

    /// <summary>e^x lane-wise, the same bits as <see cref="Exp(float)"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var xc = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(ExpHi)), Vector512.Create(ExpHi), x);
        xc = Vector512.ConditionalSelect(Vector512.LessThan(xc, Vector512.Create(ExpLo)), Vector512.Create(ExpLo), xc);
        var t = xc * Vector512.Create(Log2E) + Vector512.Create(RoundMagic);
        var kf = t - Vector512.Create(RoundMagic);
        var k = t.AsInt32() - Vector512.Create(RoundMagicBits);
        var r = (xc - kf * Vector512.Create(Ln2Hi)) - kf * Vector512.Create(Ln2Lo);
        var r2 = r * r;
        var q = Vector512.Create(E7) * r + Vector512.Create(E6);
        q = q * r + Vector512.Create(E5);
        q = q * r + Vector512.Create(E4);
        q = q * r + Vector512.Create(E3);
        q = q * r + Vector512.Create(E2);
        var p = (r2 * q + r) + Vector512.Create(1f);
        var k1 = Vector512.ShiftRightArithmetic(k, 1);
        var k2 = k - k1;
        var s1 = Vector512.ShiftLeft(k1 + Vector512.Create(127), 23).AsSingle();
        var s2 = Vector512.ShiftLeft(k2 + Vector512.Create(127), 23).AsSingle();
        var y = (p * s1) * s2;
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }

    // ---------------------------------------------------------------- Log

    /// <summary>Natural logarithm as float, the same bits as the vector overloads' lanes.</summary>
    /// <remarks>
    /// <para>Algorithm: a subnormal x is first multiplied by 2^23 (exact); x = m·2^e with m in [√½, √2) taken from the
    /// bits; f = m − 1 (exact); s = f/(2+f); log m = f − (f²/2 − s·(f²/2 + R(s²))) with R the atanh series to s⁸
    /// (see the constants); result = e·Ln2Hi − ((f²/2 − (s·(f²/2 + R) + e·Ln2Lo)) − f), e·Ln2Hi exact.</para>
    /// <para>Special values: +0 and −0 give −Inf; x &lt; 0 and NaN give NaN; +Inf gives +Inf; subnormal inputs are
    /// handled (full accuracy); Log(1) is +0 exactly and Log(2) is ln 2 rounded to float exactly.</para>
    /// <para>Accuracy: within 1 ulp of ln x rounded to float over 4.2 M samples: every 1009th positive float and the
    /// 2^21 floats around 1 (VMathTests asserts ≤ 2).</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x)
    {
        bool tiny = x < MinNormal;
        float xs = tiny ? x * Two23 : x;
        int ix = BitConverter.SingleToInt32Bits(xs) - SqrtHalfBits;
        int e = (ix >> 23) - (tiny ? 23 : 0);
        float m = BitConverter.Int32BitsToSingle((ix & 0x007FFFFF) + SqrtHalfBits);
        float f = m - 1f;
        float s = f / (f + 2f);
        float z = s * s;
        float rr = L4 * z + L3;
        rr = rr * z + L2;
        rr = rr * z + L1;
        rr = rr * z;
        float hfsq = 0.5f * f * f;
        float dk = e;
        float y = dk * Ln2Hi - ((hfsq - (s * (hfsq + rr) + dk * Ln2Lo)) - f);
        y = x == float.PositiveInfinity ? float.PositiveInfinity : y;
        y = x == 0f ? float.NegativeInfinity : y;
        return x >= 0f ? y : float.NaN;
    }

    /// <summary>Natural logarithm lane-wise, the same bits as <see cref="Log(float)"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var tiny = Vector256.LessThan(x, Vector256.Create(MinNormal));
        var xs = Vector256.ConditionalSelect(tiny, x * Vector256.Create(Two23), x);
        var ix = xs.AsInt32() - Vector256.Create(SqrtHalfBits);
        var e = Vector256.ShiftRightArithmetic(ix, 23) - (tiny.AsInt32() & Vector256.Create(23));
        var m = ((ix & Vector256.Create(0x007FFFFF)) + Vector256.Create(SqrtHalfBits)).AsSingle();
        var f = m - Vector256.Create(1f);
        var s = f / (f + Vector256.Create(2f));
        var z = s * s;
        var rr = Vector256.Create(L4) * z + Vector256.Create(L3);
        rr = rr * z + Vector256.Create(L2);
        rr = rr * z + Vector256.Create(L1);
        rr = rr * z;
        var hfsq = Vector256.Create(0.5f) * f * f;
        var dk = Vector256.ConvertToSingle(e);
        var y = dk * Vector256.Create(Ln2Hi) - ((hfsq - (s * (hfsq + rr) + dk * Vector256.Create(Ln2Lo))) - f);
        y = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(float.PositiveInfinity)), Vector256.Create(float.PositiveInfinity), y);
        y = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), Vector256.Create(float.NegativeInfinity), y);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), y, Vector256.Create(float.NaN));
    }

    /// <summary>Natural logarithm lane-wise, the same bits as <see cref="Log(float)"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        var tiny = Vector512.LessThan(x, Vector512.Create(MinNormal));
        var xs = Vector512.ConditionalSelect(tiny, x * Vector512.Create(Two23), x);
        var ix = xs.AsInt32() - Vector512.Create(SqrtHalfBits);
        var e = Vector512.ShiftRightArithmetic(ix, 23) - (tiny.AsInt32() & Vector512.Create(23));
        var m = ((ix & Vector512.Create(0x007FFFFF)) + Vector512.Create(SqrtHalfBits)).AsSingle();
        var f = m - Vector512.Create(1f);
        var s = f / (f + Vector512.Create(2f));
        var z = s * s;
        var rr = Vector512.Create(L4) * z + Vector512.Create(L3);
        rr = rr * z + Vector512.Create(L2);
        rr = rr * z + Vector512.Create(L1);
        rr = rr * z;
        var hfsq = Vector512.Create(0.5f) * f * f;
        var dk = Vector512.ConvertToSingle(e);
        var y = dk * Vector512.Create(Ln2Hi) - ((hfsq - (s * (hfsq + rr) + dk * Vector512.Create(Ln2Lo))) - f);
        y = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(float.PositiveInfinity)), Vector512.Create(float.PositiveInfinity), y);
        y = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512.Create(float.NegativeInfinity), y);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), y, Vector512.Create(float.NaN));
    }

    // ---------------------------------------------------------------- Pow

    /// <summary>x^y as <c>Exp(y·Log(x))</c>, the same bits as the vector overloads' lanes.</summary>
    /// <remarks>
    /// <para>Domain: x &gt; 0. Everything else follows from the formula with the Log and Exp special values, with no
    /// separate cases: x = ±0 gives +0 for y &gt; 0, +Inf for y &lt; 0 and NaN for y = 0 (0·−Inf; C's pow gives 1);
    /// x &lt; 0 gives NaN even for integer y; Pow(x, 0) = 1 for finite x &gt; 0; Pow(1, y) = 1 for finite y;
    /// Pow(+Inf, y) is +Inf for y &gt; 0, +0 for y &lt; 0, NaN for y = 0; any NaN gives NaN.</para>
    /// <para>Accuracy: the rounding of y·Log(x) is magnified by Exp: the relative error is about
    /// (1 + |y·ln x|)·2^-23, so a few ulp for |y·ln x| ≲ 1 and growing to tens of ulp near the overflow limit
    /// (VMathTests, x in (0, 100), y in (−4, 4): at most 2 ulp where |y·ln x| ≤ 1, 31 ulp where |y·ln x| ≤ 80; it
    /// asserts ≤ 2 + 2·|y·ln x|). Use it for moderate exponents; it is not a correctly rounded pow.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Pow(float x, float y) => Exp(y * Log(x));

    /// <summary>x^y lane-wise as <c>Exp(y·Log(x))</c>, the same bits as <see cref="Pow(float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pow(Vector256<float> x, Vector256<float> y) => Exp(y * Log(x));

    /// <summary>x^y lane-wise as <c>Exp(y·Log(x))</c>, the same bits as <see cref="Pow(float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Pow(Vector512<float> x, Vector512<float> y) => Exp(y * Log(x));

    // ---------------------------------------------------------------- Tanh

    // Beyond 9.1, tanh x rounds to 1 in float (1 − tanh 9.1 ≈ 2.5e-8 < 2^-25), and 2·9.1 keeps e^(2|x|) finite.
    private const float TanhClamp = 9.1f;

    /// <summary>tanh x as float, the same bits as the vector overloads' lanes.</summary>
    /// <remarks>
    /// <para>Algorithm: tanh |x| = E/(E + 2) with E = e^(2|x|) − 1 (exact identity), the sign of x copied back.
    /// E is computed without cancellation from <see cref="Exp(float)"/>'s reduction: 2|x| = k·ln 2 + r,
    /// E = 2^k·(r + r²·P(r)) + (2^k − 1), where r + r²·P(r) is e^r − 1 with the same polynomial and 2^k − 1 is exact;
    /// for |x| &lt; ln2/4, k = 0 and E = r + r²·P(r) keeps full relative accuracy down to the tiniest x.
    /// |x| is clamped to 9.1, beyond which tanh rounds to ±1.</para>
    /// <para>Special values: tanh(±0) = ±0, tanh(±Inf) = ±1, NaN gives NaN. Accuracy: within 2 ulp of tanh rounded to
    /// float over 5 M samples (VMathTests; the 2-ulp cases are small |x|, where E, E + 2 and the quotient each round).
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        int sign = BitConverter.SingleToInt32Bits(x) & unchecked((int)0x80000000);
        float a = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & 0x7FFFFFFF);
        float ac = a > TanhClamp ? TanhClamp : a;
        float y2 = ac + ac;
        float t = y2 * Log2E + RoundMagic;
        float kf = t - RoundMagic;
        int k = BitConverter.SingleToInt32Bits(t) - RoundMagicBits;
        float r = (y2 - kf * Ln2Hi) - kf * Ln2Lo;
        float r2 = r * r;
        float q = E7 * r + E6;
        q = q * r + E5;
        q = q * r + E4;
        q = q * r + E3;
        q = q * r + E2;
        float pm1 = r2 * q + r;
        float s = BitConverter.Int32BitsToSingle((k + 127) << 23);
        float em1 = s * pm1 + (s - 1f);
        float th = em1 / (em1 + 2f);
        float y = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(th) | sign);
        return float.IsNaN(x) ? x : y;
    }

    /// <summary>tanh x lane-wise, the same bits as <see cref="Tanh(float)"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var sign = x.AsInt32() & Vector256.Create(unchecked((int)0x80000000));
        var a = (x.AsInt32() & Vector256.Create(0x7FFFFFFF)).AsSingle();
        var ac = Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256.Create(TanhClamp)), Vector256.Create(TanhClamp), a);
        var y2 = ac + ac;
        var t = y2 * Vector256.Create(Log2E) + Vector256.Create(RoundMagic);
        var kf = t - Vector256.Create(RoundMagic);
        var k = t.AsInt32() - Vector256.Create(RoundMagicBits);
        var r = (y2 - kf * Vector256.Create(Ln2Hi)) - kf * Vector256.Create(Ln2Lo);
        var r2 = r * r;
        var q = Vector256.Create(E7) * r + Vector256.Create(E6);
        q = q * r + Vector256.Create(E5);
        q = q * r + Vector256.Create(E4);
        q = q * r + Vector256.Create(E3);
        q = q * r + Vector256.Create(E2);
        var pm1 = r2 * q + r;
        var s = Vector256.ShiftLeft(k + Vector256.Create(127), 23).AsSingle();
        var em1 = s * pm1 + (s - Vector256.Create(1f));
        var th = em1 / (em1 + Vector256.Create(2f));
        var y = (th.AsInt32() | sign).AsSingle();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);
    }

    /// <summary>tanh x lane-wise, the same bits as <see cref="Tanh(float)"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var sign = x.AsInt32() & Vector512.Create(unchecked((int)0x80000000));
        var a = (x.AsInt32() & Vector512.Create(0x7FFFFFFF)).AsSingle();
        var ac = Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512.Create(TanhClamp)), Vector512.Create(TanhClamp), a);
        var y2 = ac + ac;
        var t = y2 * Vector512.Create(Log2E) + Vector512.Create(RoundMagic);
        var kf = t - Vector512.Create(RoundMagic);
        var k = t.AsInt32() - Vector512.Create(RoundMagicBits);
        var r = (y2 - kf * Vector512.Create(Ln2Hi)) - kf * Vector512.Create(Ln2Lo);
        var r2 = r * r;
        var q = Vector512.Create(E7) * r + Vector512.Create(E6);
        q = q * r + Vector512.Create(E5);
        q = q * r + Vector512.Create(E4);
        q = q * r + Vector512.Create(E3);
        q = q * r + Vector512.Create(E2);
        var pm1 = r2 * q + r;
        var s = Vector512.ShiftLeft(k + Vector512.Create(127), 23).AsSingle();
        var em1 = s * pm1 + (s - Vector512.Create(1f));
        var th = em1 / (em1 + Vector512.Create(2f));
        var y = (th.AsInt32() | sign).AsSingle();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }

    // ---------------------------------------------------------------- Min, Max, Abs, Sqrt

    /// <summary><c>a &lt; b ? a : b</c> in all three forms: if either is NaN the result is b; Min(−0, +0) and
    /// Min(+0, −0) are b (the second argument). Unlike <see cref="MathF.Min"/> and <see cref="Vector256.Min{T}"/>, whose
    /// NaN and signed-zero rules differ between them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => a < b ? a : b;

    /// <summary>Lane-wise <c>a &lt; b ? a : b</c>, the same bits as <see cref="Min(float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.ConditionalSelect(Vector256.LessThan(a, b), a, b);

    /// <summary>Lane-wise <c>a &lt; b ? a : b</c>, the same bits as <see cref="Min(float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(Vector512.LessThan(a, b), a, b);

    /// <summary><c>a &gt; b ? a : b</c> in all three forms: if either is NaN the result is b; for ±0 the result is b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => a > b ? a : b;

    /// <summary>Lane-wise <c>a &gt; b ? a : b</c>, the same bits as <see cref="Max(float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);

    /// <summary>Lane-wise <c>a &gt; b ? a : b</c>, the same bits as <see cref="Max(float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), a, b);

    /// <summary>|x| by clearing the sign bit (so Abs(−0) = +0 and a NaN keeps its payload with the sign cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float x) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & 0x7FFFFFFF);

    /// <summary>Lane-wise |x| by clearing the sign bit, the same bits as <see cref="Abs(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> x) => (x.AsInt32() & Vector256.Create(0x7FFFFFFF)).AsSingle();

    /// <summary>Lane-wise |x| by clearing the sign bit, the same bits as <see cref="Abs(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> x) => (x.AsInt32() & Vector512.Create(0x7FFFFFFF)).AsSingle();

    /// <summary>−x by flipping the sign bit, as C#'s unary minus on a float does (−(+0) = −0; a NaN keeps its payload).
    /// The scalar loop of a generated step writes <c>-x</c>; the vector loops call this, which gives the same bits
    /// (<c>Vector512.Negate</c> is not documented to flip the sign of zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Neg(float x) => -x;

    /// <summary>Lane-wise −x by flipping the sign bit, the same bits as <see cref="Neg(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Neg(Vector256<float> x) => (x.AsInt32() ^ Vector256.Create(int.MinValue)).AsSingle();

    /// <summary>Lane-wise −x by flipping the sign bit, the same bits as <see cref="Neg(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Neg(Vector512<float> x) => (x.AsInt32() ^ Vector512.Create(int.MinValue)).AsSingle();

    /// <summary>√x via <see cref="MathF.Sqrt"/>: IEEE-754 square root is correctly rounded, so it equals the vector
    /// overloads' lanes (√−0 = −0, x &lt; 0 gives NaN, √+Inf = +Inf).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <summary>Lane-wise √x via <see cref="Vector256.Sqrt{T}"/> (correctly rounded, the same bits as
    /// <see cref="Sqrt(float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);

    /// <summary>Lane-wise √x via <see cref="Vector512.Sqrt{T}"/> (correctly rounded, the same bits as
    /// <see cref="Sqrt(float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);
}
