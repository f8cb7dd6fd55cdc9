#!/usr/bin/env python3
"""make_corpora.py — writes planted_secrets.tsv and benign.txt, the privacy tests' corpora (fixed seed).

Run from this directory: python3 make_corpora.py. The output is committed; the script documents
how each secret was made (valid checksums, realistic formats) and makes the corpus reproducible.
"""
import base64, random, string

rng = random.Random(20261129)

def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix]
    while len(digits) < length - 1:
        digits.append(rng.randrange(10))
    for check in range(10):
        s, alt = 0, False
        for d in reversed(digits + [check]):
            if alt:
                d *= 2
                if d > 9: d -= 9
            s += d
            alt = not alt
        if s % 10 == 0:
            return "".join(map(str, digits + [check]))

def group(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i+n]); i += n
    return sep.join(out)

def iban(country, bban):
    rearranged = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(num) % 97
    return f"{country}{check:02d}{bban}"

def rand_str(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))

secrets = []
def add(kind, s): secrets.append((kind, s))

# E-mail addresses in many forms.
first = ["john", "maria", "li.wei", "o'brien", "anna-lena", "dmitri", "fatima", "kenji", "zoe", "pierre"]
last = ["smith", "garcia", "chen", "kowalski", "nguyen", "okafor", "muller", "rossi", "tanaka", "silva"]
domains = ["example.com", "mail.example.org", "corp.example.co.uk", "uni-example.de", "example.io",
           "sub.dept.example.net", "example.com.br", "xn--exmple-cua.com", "example.travel", "example.fr"]
for i in range(44):
    f, l, d = rng.choice(first), rng.choice(last), rng.choice(domains)
    form = i % 11
    local = [f"{f}.{l}", f"{f}{l}{rng.randrange(100)}", f"{f}+{rng.choice(['news','work','shop'])}",
             f"{f[0]}{l}", f"{f}_{l}", f"{l}.{f}{rng.randrange(10)}", f"{f.upper()}.{l.upper()}",
             f"{f}-{l}", f"{f}.{l}.{rng.randrange(1970, 2005)}", f"{l}", f"{f}%{l}"][form]
    add("email", f"{local}@{d}")
add("email", '"john doe"@example.com')
add("email", "Jürgen.Müller@beispiel.de")
add("email", "josé@correo.example.es")
add("email", "admin@[192.168.10.20]")
add("email", "support@münchen.example")
add("email", "Maria Garcia <maria.garcia@example.com>")
add("email", "mailto:zoe.chen@example.org")
add("email", "ops-team@sub.example.co.jp")
add("email", "kenji (at) example.com")
add("email", "fatima[at]example[dot]org")
add("email", "li.wei(at)example(dot)cn")
add("email", "user.name+tag+sorting@example.com")
add("email", "x@example.museum")
add("email", "first_last-99@example-mail.com")
add("email", "ANNA@EXAMPLE.COM")
add("email", "o'reilly@example.ie")

# Payment cards: every common network, grouped with spaces, dashes or not at all.
networks = [("4", 16, [4,4,4,4]), ("4", 13, [4,4,5]), ("51", 16, [4,4,4,4]), ("55", 16, [4,4,4,4]),
            ("2221", 16, [4,4,4,4]), ("2720", 16, [4,4,4,4]), ("34", 15, [4,6,5]), ("37", 15, [4,6,5]),
            ("6011", 16, [4,4,4,4]), ("65", 16, [4,4,4,4]), ("3530", 16, [4,4,4,4]), ("36", 14, [4,6,4]),
            ("62", 16, [4,4,4,4]), ("4", 19, [4,4,4,4,3])]
for i in range(56):
    prefix, length, sizes = networks[i % len(networks)]
    number = luhn_complete(prefix, length)
    sep = ["", " ", "-", " "][i % 4]
    add("card", number if sep == "" else group(number, sizes, sep))

# Phone numbers: E.164 and national formats of several countries.
def d(n): return rand_str(string.digits, n)
def nz(n): return str(rng.randrange(2, 10)) + d(n - 1)
for i in range(5):
    add("phone", f"+1 {nz(3)} {nz(3)} {d(4)}")
    add("phone", f"({nz(3)}) {nz(3)}-{d(4)}")
    add("phone", f"{nz(3)}-{nz(3)}-{d(4)}")
    add("phone", f"{nz(3)}.{nz(3)}.{d(4)}")
    add("phone", f"+44 20 {d(4)} {d(4)}")
    add("phone", f"020 {d(4)} {d(4)}")
    add("phone", f"07{d(3)} {d(6)}")
    add("phone", f"+49 30 {d(8)}")
    add("phone", f"0171/{d(7)}")
    add("phone", f"+33 1 {d(2)} {d(2)} {d(2)} {d(2)}")
    add("phone", f"0{rng.randrange(1, 7)} {d(2)} {d(2)} {d(2)} {d(2)}")
    add("phone", f"+91 {nz(5)} {d(5)}")
    add("phone", f"+81-3-{d(4)}-{d(4)}")
    add("phone", f"+61 2 {d(4)} {d(4)}")
    add("phone", f"+55 11 9{d(4)}-{d(4)}")
    add("phone", f"0044 {nz(4)} {d(6)}")
    add("phone", f"+{rng.choice(['31','34','39','46','48'])}{nz(9)}")

# IBANs, valid mod-97, printed in groups of four or compact.
for i, (country, fmt) in enumerate([("DE", "n18"), ("GB", "a4n14"), ("FR", "n23"), ("NL", "a4n10"), ("ES", "n20"),
                                    ("IT", "a1n22"), ("CH", "n17"), ("BE", "n12"), ("AT", "n16"), ("PL", "n24")] * 3):
    if fmt.startswith("a"):
        letters, numbers = fmt[1:].split("n")
        bban = rand_str(string.ascii_uppercase, int(letters)) + d(int(numbers))
    else:
        bban = d(int(fmt[1:]))
    code = iban(country, bban)
    add("iban", " ".join(code[k:k+4] for k in range(0, len(code), 4)) if i % 2 == 0 else code)

# US social security numbers (valid areas, groups and serials).
for i in range(20):
    area = rng.choice([a for a in range(1, 900) if a != 666])
    add("ssn", f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}")

# IP addresses.
for i in range(12):
    add("ipv4", ".".join(str(rng.randrange(1, 255)) for _ in range(4)))
for s in ["2001:db8:85a3::8a2e:370:7334", "fe80::1ff:fe23:4567:890a", "2001:0db8:0000:0000:0000:ff00:0042:8329",
          "2a02:8108:1140:3c00:d4f1:6b2e:9c4a:12f0", "fd12:3456:789a:1::1", "2606:4700:4700::1111",
          "::ffff:192.0.2.128", "2001:db8::1%eth0", "2a00:1450:4001:82b::200e", "fe80::a00:27ff:fe4e:66a1"]:
    add("ipv6", s)

# JWTs.
def b64(obj): return base64.urlsafe_b64encode(obj.encode()).decode().rstrip("=")
for i in range(10):
    header = b64('{"alg":"HS256","typ":"JWT"}')
    payload = b64('{"sub":"%d","name":"%s","iat":%d}' % (rng.randrange(10**6), rng.choice(first), 1700000000 + i))
    add("jwt", f"{header}.{payload}.{rand_str(string.ascii_letters + string.digits + '-_', 43)}")

# Well-known secret formats.
for i in range(8):
    add("cloud_key", "AKIA" + rand_str(string.ascii_uppercase + string.digits, 16))
for i in range(4):
    add("cloud_key", "AIza" + rand_str(string.ascii_letters + string.digits + "-_", 35))
    add("cloud_key", "sk_live_" + rand_str(string.ascii_letters + string.digits, 24))
for i in range(8):
    add("source_token", rng.choice(["ghp_", "gho_", "ghs_"]) + rand_str(string.ascii_letters + string.digits, 36))
for i in range(4):
    add("source_token", "glpat-" + rand_str(string.ascii_letters + string.digits + "-_", 20))
    add("source_token", "github_pat_" + rand_str(string.ascii_letters + string.digits + "_", 82))
for i in range(8):
    add("chat_token", "xoxb-" + d(12) + "-" + d(13) + "-" + rand_str(string.ascii_letters + string.digits, 24))
add("chat_token", "https://hooks.slack.com/services/T0000/B0000/" + rand_str(string.ascii_letters, 24))
add("chat_token", d(10) + ":AA" + rand_str(string.ascii_letters + string.digits + "-_", 33))
for kind in ["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]:
    body = "\\n".join(rand_str(string.ascii_letters + string.digits + "+/", 64) for _ in range(3))
    add("private_key", f"-----BEGIN {kind}-----\\n{body}\\n-----END {kind}-----")

# Generic tokens: random base64 and hex credentials with no telling prefix.
for i in range(8):
    add("token", rand_str(string.ascii_letters + string.digits + "+/", 40))
    add("token", rand_str("0123456789abcdef", 32))

# Passwords of the strength password rules ask for.
words = ["Summer", "Winter", "Dragon", "Monkey", "Sunshine", "Tr0ub4dor", "Correct", "Horse", "Letmein", "Qwerty"]
symbols = "!@#$%^&*?+="
for i in range(24):
    w = rng.choice(words)
    form = i % 4
    add("password", [f"{w}{rng.randrange(1990, 2030)}{rng.choice(symbols)}",
                     f"{rng.choice(symbols)}{w.lower()}{d(3)}",
                     rand_str(string.ascii_letters + string.digits, 6) + rng.choice(symbols) + d(2) + rand_str(string.ascii_letters, 3),
                     f"{w[0]}{rng.choice(symbols)}{w[1:].lower()}{d(2)}{rng.choice(symbols)}"][form])

# Mobiles as India, China, Russia and Brazil write them at home, without a country code or a
# trunk 0 (added on 2026-12-01, from a generator of their own: the secrets above keep their values).
prng = random.Random(20261201)
def pd(n): return "".join(str(prng.randrange(10)) for _ in range(n))
for i in range(4):
    add("phone", f"{prng.randrange(6, 10)}{pd(4)} {pd(5)}")
    add("phone", f"1{prng.randrange(3, 10)}{pd(9)}")
    add("phone", f"8 ({prng.randrange(3, 10)}{pd(2)}) {pd(3)}-{pd(2)}-{pd(2)}")
    add("phone", f"{prng.randrange(1, 10)}{prng.randrange(1, 10)} 9{pd(4)}-{pd(4)}")

# National identity numbers beside the US SSN, each valid by its country's check (added on
# 2026-12-01, from a generator of their own).
irng = random.Random(20261203)
def idd(n): return "".join(str(irng.randrange(10)) for _ in range(n))
def china_id():
    body = f"{irng.choice(['110105', '310104', '440305', '510107'])}{irng.randrange(1950, 2010)}{irng.randrange(1, 13):02d}{irng.randrange(1, 29):02d}{idd(3)}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]
V_D = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
       [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
V_P = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],
       [9,4,5,3,1,2,6,8,7,0],[4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
def aadhaar():
    body = str(irng.randrange(2, 10)) + idd(10)
    c = 0
    for i, ch in enumerate(reversed(body)): c = V_D[c][V_P[(i + 1) % 8][int(ch)]]
    return body + str([0, 4, 3, 2, 1, 5, 6, 7, 8, 9][c])
def cpf():
    ds = [int(x) for x in idd(9)]
    for n in (9, 10): ds.append(sum(ds[i] * (n + 1 - i) for i in range(n)) * 10 % 11 % 10)
    return "".join(map(str, ds))
def dni(nie=False):
    if nie:
        lead = irng.randrange(3); digits = idd(7)
        return "XYZ"[lead] + digits + "TRWAGMYFPDXBNJZSQVHLCKE"[int(str(lead) + digits) % 23]
    digits = idd(8)
    return digits + "TRWAGMYFPDXBNJZSQVHLCKE"[int(digits) % 23]
def nino():
    return irng.choice(["AB", "CE", "JG", "NE", "PR", "SW", "YZ"]) + idd(6) + irng.choice("ABCD")
for i in range(4):
    add("national_id", china_id())
    a = aadhaar(); add("national_id", f"{a[:4]} {a[4:8]} {a[8:]}" if i % 2 == 0 else f"{a[:4]}-{a[4:8]}-{a[8:]}")
    c = cpf(); add("national_id", f"{c[:3]}.{c[3:6]}.{c[6:9]}-{c[9:]}" if i % 2 == 0 else c)
    add("national_id", dni(nie=i % 2 == 1))
    n = nino(); add("national_id", f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}" if i % 2 == 0 else n)
    add("national_id", f"{irng.randrange(50, 100):02d}{irng.randrange(1, 13):02d}{irng.randrange(1, 29):02d}-{irng.randrange(1, 5)}{idd(6)}")
# ... and Mexico's CURP, France's NIR and Pakistan's CNIC (a generator of their own again).
jrng = random.Random(20261204)
def jd(n): return "".join(str(jrng.randrange(10)) for _ in range(n))
CURP_CHARS = "0123456789ABCDEFGHIJKLMN\u00d1OPQRSTUVWXYZ"
def curp():
    up = lambda n: "".join(jrng.choice(string.ascii_uppercase) for _ in range(n))
    body = (up(4) + f"{jrng.randrange(100):02d}{jrng.randrange(1, 13):02d}{jrng.randrange(1, 29):02d}" + jrng.choice("HM") +
            up(5) + jrng.choice("0A"))
    return body + str((10 - sum(CURP_CHARS.index(ch) * (18 - i) for i, ch in enumerate(body)) % 10) % 10)
def nir():
    body = f"{jrng.randrange(1, 3)}{jrng.randrange(100):02d}{jrng.randrange(1, 13):02d}{jrng.randrange(1, 96):02d}{jd(3)}{jd(3)}"
    return body + f"{97 - int(body) % 97:02d}"
for i in range(4):
    add("national_id", curp())
    n = nir(); add("national_id", f"{n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:10]} {n[10:13]} {n[13:]}" if i % 2 == 0 else n)
    add("national_id", f"{jrng.randrange(1, 8)}{jd(4)}-{jd(7)}-{jrng.randrange(1, 10)}")
# ... and Turkey's T.C. Kimlik No, Japan's My Number and Italy's codice fiscale (their own generator).
krng = random.Random(20261205)
def kd(n): return "".join(str(krng.randrange(10)) for _ in range(n))
def tckn():
    d = [krng.randrange(1, 10)] + [krng.randrange(10) for _ in range(8)]
    d.append((sum(d[0:9:2]) * 7 - sum(d[1:8:2])) % 10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))
def my_number():
    body = kd(11)
    r = sum(int(body[10 - i]) * (i + 2 if i < 6 else i - 4) for i in range(11)) % 11
    return body + str(0 if r <= 1 else 11 - r)
CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
def codice_fiscale():
    up = lambda n: "".join(krng.choice(string.ascii_uppercase) for _ in range(n))
    body = up(6) + kd(2) + krng.choice("ABCDEHLMPRST") + f"{krng.randrange(1, 72):02d}" + up(1) + kd(3)
    place = lambda ch: int(ch) if ch.isdigit() else ord(ch) - ord("A")
    return body + chr(ord("A") + sum(CF_ODD[place(ch)] if i % 2 == 0 else place(ch) for i, ch in enumerate(body)) % 26)
for i in range(4):
    add("national_id", tckn())
    m = my_number(); add("national_id", f"{m[:4]} {m[4:8]} {m[8:]}" if i % 2 == 0 else f"{m[:4]}-{m[4:8]}-{m[8:]}")
    add("national_id", codice_fiscale())
# ... and Sweden's personnummer, Belgium's national number, Poland's PESEL, the Netherlands' BSN
# and Canada's SIN (added on 2026-12-01, stop 23, from a generator of their own).
lrng = random.Random(20261206)
def ld(n): return "".join(str(lrng.randrange(10)) for _ in range(n))
def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)
def birth(): return f"{lrng.randrange(100):02d}{lrng.randrange(1, 13):02d}{lrng.randrange(1, 29):02d}"
def personnummer():
    body = birth() + ld(3)
    return f"{body[:6]}{lrng.choice('-+')}{body[6:]}{luhn_digit(body)}"
def belgian_number():
    body = f"{lrng.randrange(100):02d}{lrng.randrange(1, 13):02d}{lrng.randrange(1, 29):02d}{lrng.randrange(1, 998):03d}"
    check = 97 - (int(body) + (2000000000 if body[:2] < "25" else 0)) % 97
    return f"{body[0:2]}.{body[2:4]}.{body[4:6]}-{body[6:9]}.{check:02d}"
def pesel():
    year, month = lrng.randrange(1950, 2020), lrng.randrange(1, 13)
    body = f"{year % 100:02d}{month + (20 if year >= 2000 else 0):02d}{lrng.randrange(1, 29):02d}{ld(4)}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return body + str((10 - sum(int(a) * b for a, b in zip(body, w)) % 10) % 10)
def bsn():
    while True:
        body = str(lrng.randrange(1, 10)) + ld(7)
        rest = sum(int(body[i]) * (9 - i) for i in range(8)) % 11
        if rest < 10: return body + str(rest)
def sin():
    body = str(lrng.choice([1, 2, 3, 4, 5, 6, 7, 9])) + ld(7)
    return body + luhn_digit(body)
for i in range(4):
    add("national_id", personnummer())
    add("national_id", belgian_number())
    add("national_id", pesel())
    b = bsn(); add("national_id", f"{b[:4]}.{b[4:6]}.{b[6:]}")
    c = sin(); add("national_id", f"{c[:3]} {c[3:6]} {c[6:]}" if i % 2 == 0 else f"{c[:3]}-{c[3:6]}-{c[6:]}")

# Spain's numbers as Spaniards write them, without +34: mobiles 3-2-2-2 ("612 34 56 78") and
# landlines 2-3-2-2 ("91 123 45 67"). Added on 2026-12-02 (stop 27), a generator of their own.
srng = random.Random(20261202)
def sd(n): return "".join(str(srng.randrange(10)) for _ in range(n))
for i, sep in enumerate([" ", "-", ".", " "]):
    add("phone", sep.join([f"{srng.choice('67')}{sd(2)}", sd(2), sd(2), sd(2)]))
    if i % 2 == 0: add("phone", sep.join([f"9{srng.randrange(1, 9)}", sd(3), sd(2), sd(2)]))

with open("planted_secrets.tsv", "w", encoding="utf-8") as f:
    f.write("# kind\tsecret   (planted-secrets corpus; generated by make_corpora.py; \\n means a line break)\n")
    for kind, s in secrets:
        f.write(f"{kind}\t{s}\n")
print(len(secrets), "secrets")

# Benign strings a UI shows every day: none of them is personal data or a secret.
benign = []
products = ["ThinkPad X1 Carbon Gen 11", "iPhone 15 Pro Max", "Galaxy S24 Ultra", "Model 3 Long Range",
            "PlayStation 5 Slim", "Dell XPS 13 9340", "Surface Pro 9", "Pixel 8a", "AirPods Pro 2",
            "Kindle Paperwhite 11th gen", "RTX 4090 Founders Edition", "Ryzen 9 7950X3D", "Core i7-13700K",
            "MacBook Air M3 15-inch", "Sony WH-1000XM5", "Canon EOS R6 Mark II", "Nikon Z8", "GoPro HERO12 Black",
            "Bosch Serie 6 WAU28T40", "Dyson V15 Detect", "Logitech MX Master 3S", "LG OLED65C3", "Fairphone 5",
            "Raspberry Pi 5 8GB", "Nintendo Switch OLED"]
benign += products
for i in range(40):
    major, minor, patch = rng.randrange(0, 30), rng.randrange(0, 40), rng.randrange(0, 200)
    benign.append([f"v{major}.{minor}.{patch}", f"{major}.{minor}.{patch}", f"version {major}.{minor}",
                   f"{major}.{minor}.{patch}-beta.{rng.randrange(1, 9)}", f"release-{major}.{minor}",
                   f"build {rng.randrange(1000, 99999)}", f"{major}.{minor}.{patch}+build.{rng.randrange(100)}",
                   f"API v{major}"][i % 8])
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
for i in range(40):
    y, m, day = rng.randrange(2015, 2031), rng.randrange(1, 13), rng.randrange(1, 29)
    benign.append([f"{y}-{m:02d}-{day:02d}", f"{day:02d}/{m:02d}/{y}", f"{m}/{day}/{y}", f"{day}.{m}.{y}",
                   f"{months[m-1]} {day}, {y}", f"{day} {months[m-1]} {y}", f"{y}-{m:02d}-{day:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
                   f"Q{rng.randrange(1,5)} {y}", f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
                   f"due {months[m-1]} {day}"][i % 10])
for i in range(40):
    amount = rng.randrange(1, 100000) / 100
    benign.append([f"${amount:,.2f}", f"€{amount:.2f}", f"{amount:.2f} EUR", f"£{amount:,.2f}", f"USD {amount:,.2f}",
                   f"{amount:.2f} €".replace(".", ","), f"Total: ${amount:,.2f}", f"-{amount:.2f}",
                   f"{rng.randrange(1, 99)}% off", f"¥{rng.randrange(100, 999999):,}"][i % 10])
for i in range(50):
    benign.append([f"ORD-{rng.randrange(2019, 2027)}-{rng.randrange(100000):06d}", f"#{rng.randrange(1000, 99999)}",
                   f"PO {rng.randrange(10000, 9999999)}", f"INV-{rng.randrange(10000, 999999)}",
                   f"Ticket #{rng.randrange(100, 99999)}", f"SKU {rand_str(string.ascii_uppercase, 3)}-{rng.randrange(1000, 9999)}",
                   f"Case {rng.randrange(10**5, 10**8)}", f"RMA{rng.randrange(100000, 999999)}",
                   f"Order {rng.randrange(100, 999)}-{rng.randrange(1000000, 9999999)}-{rng.randrange(1000000, 9999999)}",
                   f"Shipment {rand_str(string.ascii_uppercase, 2)}{rng.randrange(10**8, 10**9)}"][i % 10])
def isbn13():
    digits = [9, 7, rng.choice([8, 9])] + [rng.randrange(10) for _ in range(9)]
    check = (10 - sum(dg * (1 if k % 2 == 0 else 3) for k, dg in enumerate(digits)) % 10) % 10
    return "".join(map(str, digits + [check]))
def isbn10():
    digits = [rng.randrange(10) for _ in range(9)]
    check = sum((10 - k) * dg for k, dg in enumerate(digits)) % 11
    check = (11 - check) % 11
    return "".join(map(str, digits)) + ("X" if check == 10 else str(check))
for i in range(30):
    n = isbn13() if i % 3 else isbn10()
    benign.append([f"ISBN {n}", f"ISBN-13: {n[:3]}-{n[3]}-{n[4:8]}-{n[8:12]}-{n[12:]}" if len(n) == 13 else f"ISBN {n[0]}-{n[1:4]}-{n[4:9]}-{n[9]}", n][i % 3])
ui = ["Save changes", "Open recent…", "File > Export > PDF", "Settings / Privacy / Cookies", "Print preview",
      "Quarterly report Q3 2026.xlsx", "invoice_2026_11.pdf", "Page 3 of 12", "Zoom 125%", "Font size 14 pt",
      "Resolution 1920x1080", "Temperature 21.5 °C", "Battery 87%", "Wi-Fi 5 GHz", "Room 4.12",
      "Building B, Floor 3", "Gate A23", "Flight LH 454", "Train ICE 1023", "Platform 9¾",
      "Chapter 11: Results", "Section 4.2.1", "Table 3", "Figure 12b", "Step 2 of 5", "Row 1,024",
      "Cell B17", "=SUM(A1:A10)", "x = 3.14159", "E = mc²", "pH 7.4", "12 kg", "3 × 4 = 12",
      "HTTP 404 Not Found", "Error 0x80070005", "Port 8080", "localhost:3000", "C++20", "UTF-8",
      "Windows 11 23H2", "macOS Sonoma 14.4", "Ubuntu 24.04 LTS", "Debian 12.5", "Android 14",
      "Team standup 09:30", "Sprint 42", "Milestone M7", "Priority: High", "Status: In progress",
      "Assigned to Support Tier 2", "Queue: billing", "Tag: printer", "Label: needs-review",
      "Customer since 2019", "Net 30", "VAT 19%", "Discount code SPRING", "Qty 250", "Lot 2026-07-B",
      "Serial check passed", "Firmware 4.2.0.1234", "Model A2894", "Part 9780-XL", "Size 42 EU",
      "Colour: midnight blue", "Warehouse DE-FRA-2", "Aisle 14, Shelf C", "Route 66", "Highway A7",
      "Latitude 48.1351", "Longitude 11.5820", "1 GB free of 256 GB", "Upload 3 of 17 files",
      "Downloads (42)", "Inbox (1,203)", "Unread: 7", "Comments 15", "Likes 1.2k", "Rating 4.7/5",
      "Ages 8-12", "Sizes S-XXL", "Pages 120-145", "Years 2020-2026", "Scale 1:25000", "Ratio 16:9",
      "Score 98/100", "Level 12", "Round 3-1", "Match 2:1", "Version history", "Compare v3 with v4",
      "Revision 17", "Draft saved 10:42", "Autosave every 5 min", "Undo typing", "Redo", "Select all",
      "Sort by date (newest first)", "Filter: last 30 days", "Group by customer", "Show 50 per page"]
benign += ui
with open("benign.txt", "w", encoding="utf-8") as f:
    f.write("# benign corpus: product names, versions, dates, amounts, order numbers, ISBNs, UI text (make_corpora.py)\n")
    for s in benign:
        f.write(s + "\n")
print(len(benign), "benign strings")

# Secrets written after a label that names them (labelled_secrets.tsv): "password: hunter2",
# "PIN=4821", "my password is fluffy7", in the forms people write in notes, tickets, chat and
# configuration pasted into a form; and benign text that names a password, PIN or key and holds
# none. Its own generator: the corpora above stay as they were.
lrng = random.Random(20261130)
weak = ["hunter2", "fluffy", "letmein", "qwerty123", "Summer2024", "sunshine1", "dragon", "Bailey2019",
        "iloveyou", "trustno1", "monkey42", "Passw0rd", "football7", "hello123", "admin", "welcome1"]
def weak_password(): return lrng.choice(weak)
def pin(n=4): return "".join(str(lrng.randrange(10)) for _ in range(n))
def key(n): return "".join(lrng.choice(string.ascii_letters + string.digits) for _ in range(n))
labelled = []
def secret(text, value):
    assert value in text
    labelled.append(("secret", text, value))
def benign_label(text): labelled.append(("benign", text, ""))

password_labels = ["password", "Password", "PASSWORD", "passwd", "pwd", "PW", "pass", "Passwort", "Kennwort",
                   "mot de passe", "Mot de passe", "mdp", "contraseña", "Contraseña", "senha", "wachtwoord",
                   "lösenord", "hasło", "salasana", "Şifre", "пароль", "Пароль", "パスワード", "密码", "密碼",
                   "비밀번호", "كلمة المرور", "סיסמה", "รหัสผ่าน", "mật khẩu", "kata sandi", "passphrase",
                   "passcode", "new password", "old password", "WiFi password", "admin password", "root pw"]
separators = [": ", ":", " : ", "=", " = ", ":  ", ":\t"]
for label in password_labels:
    for _ in range(2):
        v = weak_password()
        secret(f"{label}{lrng.choice(separators)}{v}", v)
identifiers = ["DB_PASSWORD", "MYSQL_ROOT_PASSWORD", "db.password", "dbPassword", "userPassword", "password_confirmation",
               "passwordHash", "SMTP_PASS", "redis_pwd", "api_key", "API_KEY", "apiKey", "x-api-key", "access_key",
               "aws_secret_access_key", "secret_key", "SECRET_KEY", "client_secret", "clientSecret", "auth_token",
               "access_token", "refreshToken", "GITHUB_TOKEN", "slack_token", "credentials", "license_key", "encryption-key"]
for ident in identifiers:
    v = lrng.choice([weak_password(), key(12), key(32)])
    form = lrng.randrange(5)
    secret([f"{ident}={v}", f"{ident}: {v}", f'"{ident}": "{v}"', f"{ident} = '{v}'", f"export {ident}={v}"][form], v)
for _ in range(12):
    v = pin(lrng.choice([4, 4, 6]))
    secret(lrng.choice(["PIN: ", "pin=", "PIN code: ", "Pin number: ", "ATM PIN: ", "SIM PIN = "]) + v, v)
for _ in range(8):
    v = pin(lrng.choice([3, 3, 4]))
    secret(lrng.choice(["CVV: ", "cvv2=", "CVC: ", "security code: ", "CSC "  + ": "]) + v, v)
for _ in range(10):
    v = weak_password() + str(lrng.randrange(10))
    secret(lrng.choice(["my password is ", "The password is ", "the new pw is ", "Password was ", "wifi password is ",
                        "sein Passwort ist ", "le mot de passe est ", "la contraseña es "]) + v, v)
for _ in range(8):  # after a possessive, a word without a digit too
    v = lrng.choice(["fluffy", "sunshine", "letmein", "bluebird", "dragon", "sommer", "soleil", "verano"])
    secret(lrng.choice(["my password is ", "My new password is ", "your temporary password is ", "her wifi password was ",
                        "mein Passwort ist ", "mon mot de passe est ", "mi contraseña es "]) + v, v)
for _ in range(6):
    v = lrng.choice(["correct horse battery staple", "open sesame 7", "my dog Rex 2019"])
    q = lrng.choice([('"', '"'), ("'", "'"), ("“", "”"), ("«", "»"), ("「", "」")])
    secret(f"{lrng.choice(['password', 'passphrase', 'Passwort', 'パスワード'])}: {q[0]}{v}{q[1]}", v)
for _ in range(6):
    v = key(40)
    secret(lrng.choice(["Authorization: Bearer ", "authorization: Basic ", "Authorization: token "]) + v, v)
for text, v in [("login bob, password: " + (w := weak_password()), w), ("user=admin&password=" + (w2 := weak_password()) + "&remember=1", None),
                ("Ticket 4411: customer's password is " + (w3 := weak_password() + "9") + ", please reset", w3),
                ('{"user": "ann", "password": "' + (w4 := weak_password()) + '"}', w4),
                ("Passwort für das WLAN: " + (w5 := weak_password()), w5)]:
    if v is None:
        v = text.split("password=")[1]
    secret(text, v)

for text in ["Password must be at least 8 characters", "Forgot your password?", "Reset password", "Show password",
             "Password is required", "The password is incorrect", "Your password was changed", "Password strength: weak",
             "Passwords do not match", "Change your PIN", "Pin to top", "Pin: off", "Enter the 3-digit security code",
             "API keys (3)", "Create API key", "Token expires in 30 days", "Access token refreshed", "Secret Santa 2026",
             "bypass: 3 items", "compass=north", "spin: 45", "Passed: 45, failed: 3", "Boarding pass printed",
             "Token count: 1,204", "Key: Enter", "Keyboard shortcut: Ctrl+S", "password_min_length: 12 characters",
             "Password is 8-64 characters", "The PIN is 4 digits", "Passwort vergessen?", "Mot de passe oublié ?",
             "¿Olvidaste tu contraseña?", "パスワードを忘れた場合", "Use a password manager", "Security code sent by SMS",
             "Two-factor authentication: on", "Password policy: 12 characters, one digit", "Repeat password",
             "Password (again)", "Credentials saved to the vault", "Your password is incorrect",
             "Your password is too short", "Your password was changed", "My password is not working",
             "Ihr Passwort ist falsch", "Votre mot de passe est invalide", "Su contraseña es incorrecta",
             "The password is case-sensitive"]:
    benign_label(text)

# Phone numbers that only the words before them name (labelled_phone): written as most people
# write their own, in one run of digits or without a trunk 0. Added on 2026-12-01 with a
# generator of their own: the texts above keep their values.
hrng = random.Random(20261202)
def hd(n): return "".join(str(hrng.randrange(10)) for _ in range(n))
national = [lambda: f"{hrng.randrange(2, 10)}{hd(2)}{hrng.randrange(2, 10)}{hd(6)}",   # US, one run
            lambda: f"{hrng.randrange(6, 10)}{hd(9)}",                                  # India, one run
            lambda: f"6{hd(2)} {hd(3)} {hd(3)}",                                        # Spain
            lambda: f"6{hd(8)}",
            lambda: f"55 {hd(4)} {hd(4)}",                                              # Mexico City
            lambda: f"5{hd(2)} {hd(3)} {hd(3)}",                                        # Poland
            lambda: f"3{hd(2)} {hd(7)}",                                                # Italy
            lambda: f"9{hd(2)} {hd(3)} {hd(2)} {hd(2)}",                                # Russia without its 8
            lambda: f"1512 {hd(7)}"]                                                     # Germany without its 0
phone_labels = ["call me at ", "Call me on ", "Tel. ", "Tel.: ", "Ph: ", "mobile no.: ", "Mobile: ", "WhatsApp: ",
                "My phone number is ", "cell ", "text me at ", "Handy: ", "Telefon ", "Tél. ", "portable : ",
                "móvil ", "celular: ", "telefone ", "cellulare: ", "телефон: ", "тел. ", "手机号码：", "电话 ",
                "携帯 ", "휴대폰 ", "โทร ", "फ़ोन: ", "SĐT: ", "no hp ", "Fax: ", "Contact: ", "Phone number: "]
for i, label in enumerate(phone_labels):
    v = national[i % len(national)]()
    secret(f"{label}{v}", v)
for text in ["call me at 10:30 tomorrow", "Phone: see the contact page", "Tel. 1-3 pm", "call on 2026-12-01 10",
             "text 3 of 12", "WhatsApp group 42", "Cell B17 = 9876543210", "Mobile app 4.2.0.1234",
             "call 12/11/2026 1030", "Phone model 2024 edition"]:
    benign_label(text)

# Identity numbers that only the words before them name (labelled_id): those without a check,
# or a check that would take too many order numbers. Added on 2026-12-01 (stop 23) with a
# generator of their own.
grng = random.Random(20261207)
def gd(n): return "".join(str(grng.randrange(10)) for _ in range(n))
def gu(n): return "".join(grng.choice(string.ascii_uppercase) for _ in range(n))
id_values = [lambda: gd(9),                                         # a US passport, an SSN without dashes, a BSN
             lambda: gu(1) + gd(8),                                 # a passport, a driver's licence
             lambda: f"{gd(2)}-{gd(7)}",                            # a US EIN
             lambda: f"{grng.randrange(1, 29):02d}{grng.randrange(1, 13):02d}{grng.randrange(40, 100)}-{gd(4)}",  # Denmark's CPR
             lambda: f"{gd(2)} {gd(3)} {gd(3)} {gd(3)}",            # Germany's Steuer-ID
             lambda: gu(2) + gd(7),                                 # a passport
             lambda: f"{gd(4)} {gd(6)}"]                            # a Russian passport
id_labels = ["Passport No. ", "passport number: ", "Passport: ", "SSN ", "SSN: ", "Social Security number is ",
             "Driver's License #: ", "Driving licence no. ", "DL ", "Tax ID: ", "TIN: ", "ITIN ", "CPR-nr. ",
             "BSN: ", "Steuer-ID ", "Steuernummer: ", "NHS number ", "Medicare no. ", "National ID: ",
             "ID card number: ", "Personalausweis-Nr. ", "Reisepass ", "Pasaporte: ", "N° de passeport : ",
             "PESEL ", "паспорт ", "ИНН ", "身份证号码：", "护照 ", "パスポート番号 ", "여권번호 ", "Kimlik No: "]
for i, label in enumerate(id_labels):
    v = id_values[i % len(id_values)]()
    secret(f"{label}{v}", v)
for text in ["Order ID 48213377", "Session id: 88123377", "Passport photo 2019", "Passport expires 2030-01-01",
             "License: MIT", "License 3 of 10 seats", "Tax 12345.00", "National 10000", "see RFC 2373 2.5.2",
             "Apache License 2.0", "Social media 2024"]:
    benign_label(text)

with open("labelled_secrets.tsv", "w", encoding="utf-8") as f:
    f.write("# kind\ttext\tsecret   (labelled-secrets corpus, make_corpora.py: each secret text holds its secret; benign ones none)\n")
    for kind, text, value in labelled:
        f.write(f"{kind}\t{text}\t{value}\n")
print(len(labelled), "labelled texts")
