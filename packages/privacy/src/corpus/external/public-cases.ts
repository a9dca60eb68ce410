/**
 * Cases taken as they are from public, licence-compatible test material: each one is quoted from
 * the named file or document (see corpus/external/README.md for the licences). Positives list the
 * values that must leave no 4-character window; negatives must come out unchanged.
 */
import type { ExternalCase } from './external-case.ts';

const PRESIDIO = 'presidio'; // microsoft/presidio, MIT: presidio-analyzer/tests/*
const P = (file: string) => `${PRESIDIO}:${file}`;

/** A positive whose secret is the whole text, or the values listed. */
function pos(source: string, category: string, text: string, ...secrets: string[]): ExternalCase {
  return { source, kind: 'positive', category, text, secrets: secrets.length > 0 ? secrets : [text] };
}

function neg(source: string, category: string, text: string): ExternalCase {
  return { source, kind: 'negative', category, text };
}

export const PUBLIC_CASES: ExternalCase[] = [
  // --- cryptocurrency addresses ---
  pos(P('test_crypto_recognizer.py'), 'crypto', '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ'),
  pos(P('test_crypto_recognizer.py'), 'crypto', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'),
  pos(P('test_crypto_recognizer.py'), 'crypto', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'),
  pos(
    P('test_crypto_recognizer.py'),
    'crypto',
    'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
  ),
  pos(
    P('test_crypto_recognizer.py'),
    'crypto',
    '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
    '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ',
    '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
  ),
  pos(
    P('test_crypto_recognizer.py'),
    'crypto',
    'my wallet address is: 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ',
    '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ',
  ),
  pos(P('test_crypto_recognizer.py'), 'crypto', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'),
  pos(
    P('test_crypto_recognizer.py'),
    'crypto',
    'My Ethereum wallet is 0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  ),
  neg(P('test_crypto_recognizer.py'), 'crypto', '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2'),
  neg(P('test_crypto_recognizer.py'), 'crypto', 'my wallet address is: 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2'),
  neg(
    P('test_crypto_recognizer.py'),
    'crypto',
    '8f953371d3e85eddb89b05ed6b9e680791055315c73e1025ab5dba7bb2aee189',
  ),
  neg(
    P('test_crypto_recognizer.py'),
    'crypto',
    'lowercase address 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
  ),
  neg(
    P('test_crypto_recognizer.py'),
    'crypto',
    'checksummed but invalid address 0xdbF03B407c01E7cD3CBea99509d93f8DDdC8C6FB',
  ),
  // BIP-173 / BIP-350 test vectors (BSD-2-Clause): valid mainnet segwit addresses, invalid checksums
  pos(
    'bip-0350:test-vectors',
    'crypto',
    'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
  ),
  pos('bip-0350:test-vectors', 'crypto', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'),
  neg('bip-0173:test-vectors', 'crypto', 'bc1qw508d6qejxtdg4c5r3zarvary0c5xw7kv8f3t5'),
  neg('bip-0350:test-vectors', 'crypto', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj1'),
  // EIP-55 test vectors (CC0): mixed-case checksummed addresses
  pos(
    'eip-55:test-cases',
    'crypto',
    'send to 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  ),
  pos('eip-55:test-cases', 'crypto', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'),
  // Bitcoin wiki, "Genesis block" coinbase address (public domain fact)
  pos(
    'bitcoin-wiki:genesis-block',
    'crypto',
    'genesis reward went to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  ),
  neg('bitcoin-wiki:genesis-block', 'crypto', 'genesis reward went to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'),

  // --- IP addresses (presidio-analyzer/tests/test_ip_recognizer.py) ---
  ...[
    ['microsoft.com 192.168.0.1', '192.168.0.1'],
    ['microsoft.com 684D:1111:222:3333:4444:5555:6:77', '684D:1111:222:3333:4444:5555:6:77'],
    ['my ip: 684D:1111:222:3333:4444:5555:6:77', '684D:1111:222:3333:4444:5555:6:77'],
    ['2345:0425:2CA1:0000:0000:0567:5673:23b5'],
    ['2345:0425:2CA1::0567:5673:23b5'],
    ['2400:c401::5054:ff:fe1b:b031'],
    ['my ip: ::1', '::1'],
    ['fe80::1'],
    ['2001:db8::8a2e:370:7334'],
    ['2001:db8:85a3::8a2e:370'],
    ['2001:db8::1'],
    ['fe80::1%eth0'],
    ['Server IP: 2001:db8::1', '2001:db8::1'],
    ['Connect to [2001:db8::1]:8080', '2001:db8::1'],
    ['my ip is 2400:c401::5054:ff:fe1b:b031', '2400:c401::5054:ff:fe1b:b031'],
    ['Gateway: fe80::1 on interface', 'fe80::1'],
    ['Visit http://[2001:db8::1]/path', '2001:db8::1'],
    ['::ffff:192.0.2.1'],
    ['::ffff:10.0.0.1'],
    ['Mapped: ::ffff:192.168.1.1', '::ffff:192.168.1.1'],
    ['Connect to ::ffff:10.0.0.1 now', '::ffff:10.0.0.1'],
    ['::192.168.1.1'],
    ['2001:db8::192.168.1.1'],
    ['64:ff9b::192.0.2.1'],
    ['0:0:0:0:0:FFFF:129.144.52.38'],
    ['NAT64: 64:ff9b::198.51.100.1', '64:ff9b::198.51.100.1'],
    ['IPv4: 192.168.1.1, IPv6: 2001:db8::1', '192.168.1.1', '2001:db8::1'],
    ['Primary: 10.0.0.1, Secondary: 172.16.0.1', '10.0.0.1', '172.16.0.1'],
    ['(192.168.1.1)', '192.168.1.1'],
    ["'2001:db8::1'", '2001:db8::1'],
    ['IP: 192.168.1.1.', '192.168.1.1'],
    ['192.168.1.1,', '192.168.1.1'],
    ['192.168.2.1@eth0', '192.168.2.1'],
    ['localhost 127.0.0.1', '127.0.0.1'],
    ['Broadcast 255.255.255.255', '255.255.255.255'],
    ['Link-local 169.254.1.1', '169.254.1.1'],
    ['Multicast ff02::1', 'ff02::1'],
    ['192.168.1.0/24'],
    ['2001:db8::/32', '2001:db8::'],
    ['Subnet: 192.168.1.0/24', '192.168.1.0'],
    ['Route is 10.0.0.0/8.', '10.0.0.0'],
  ].map(([text, ...secrets]) => pos(P('test_ip_recognizer.py'), 'ip', text as string, ...secrets)),
  ...[
    'my ip: 192.168.0',
    '684D:1111:222:3333:4444:5555:77',
    'MAC address aa:bb:cc:dd:ee:ff',
    'Time 12:34:56',
    'Ratio 1:2:3:4',
    'CSS color #ff00aa',
    'Version 1.2.3',
    'Port 80:443',
    'abc:def:ghi',
    '123:abc',
    'file:///path/to/file',
    'std::cout',
    'MyClass::toString',
    ':::',
    'IP192.168.1.1text',
    'text192.168.1.1',
    'fe80::1text',
    '256.256.256.256',
    '192.168.1.256',
    'gggg:hhhh::1234',
    '192.168.1',
    '300.168.1.1',
    '12345:db8::1',
    '2001::db8::1',
    '::ffff:256.0.0.1',
    '2001:db8::256.1.1.1',
  ].map((text) =>
    // the MAC address is a positive of its own kind, not an IP: kept out of the IP negatives
    text.startsWith('MAC')
      ? pos(P('test_ip_recognizer.py'), 'mac', text, 'aa:bb:cc:dd:ee:ff')
      : neg(P('test_ip_recognizer.py'), 'ip', text),
  ),

  // --- MAC addresses: IEEE 802 notations (IEEE RA tutorial), examples from the EUI-48 guidelines ---
  ...[
    ['ether 00:1A:2B:3C:4D:5E brd ff:ff:ff:ff:ff:ff', '00:1A:2B:3C:4D:5E'],
    ['link/ether 3c:22:fb:8a:11:0e', '3c:22:fb:8a:11:0e'],
    ['Physical Address. . . . . . . . . : 00-14-22-01-23-45', '00-14-22-01-23-45'],
    ['interface mac 0014.2201.2345', '0014.2201.2345'],
    ['MAC=AC-DE-48-00-00-80', 'AC-DE-48-00-00-80'],
    ['whitelist: 70:B3:D5:7F:E0:01, 70:B3:D5:7F:E0:02', '70:B3:D5:7F:E0:01', '70:B3:D5:7F:E0:02'],
    ['device 08:00:27:4e:66:a1 joined', '08:00:27:4e:66:a1'],
    ['wlan0 HWaddr 00:0c:29:3e:5f:7a', '00:0c:29:3e:5f:7a'],
    ['station b8:27:eb:12:34:56 associated', 'b8:27:eb:12:34:56'],
    ['ARP reply from 52:54:00:12:35:02', '52:54:00:12:35:02'],
    ['dhcp lease for 9c:b6:d0:ee:01:7f', '9c:b6:d0:ee:01:7f'],
    ['bluetooth 00:1B:DC:0F:2E:91 paired', '00:1B:DC:0F:2E:91'],
    ['port-security mac-address 0050.7966.6800', '0050.7966.6800'],
    ['EUI-48 example 00-00-5E-00-53-01', '00-00-5E-00-53-01'],
  ].map(([text, ...secrets]) => pos('ieee-802:eui-48-notation', 'mac', text as string, ...secrets)),
  neg('ieee-802:eui-48-notation', 'mac', 'elapsed 00:01:22:03 wall time'),
  neg('ieee-802:eui-48-notation', 'mac', 'sha1 a1:b2 and 12:34:56:78'),
  neg('ieee-802:eui-48-notation', 'mac', 'ratio 12:34:56:78:90 in the table'),
  neg('ieee-802:eui-48-notation', 'mac', 'version 1.2.3.4 installed'),

  // --- passports: ICAO Doc 9303 part 4 specimen (the MRZ of the specimen passport, Utopia) ---
  pos(
    'icao-9303:part4-specimen',
    'passport',
    'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
    'L898902C3',
    '7408122',
    'ZE184226B',
    'ERIKSSON<<ANNA<MARIA',
  ),
  pos(
    'icao-9303:part4-specimen',
    'passport',
    'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    'L898902C3',
    'ZE184226B',
  ),
  pos('icao-9303:part4-specimen', 'passport', 'passport no. L898902C3, issued by Utopia', 'L898902C3'),
  neg('icao-9303:part4-specimen', 'passport', 'L898902C37UTO7408122F1204159ZE184226B<<<<<10'),
  pos(P('test_us_passport_recognizer.py'), 'passport', 'my passport number is 912803456', '912803456'),
  pos(
    P('data/context_sentences_tests.txt'),
    'passport',
    'my passport number is 912803456 and now there are a lot of other words',
    '912803456',
  ),
  neg(P('test_us_passport_recognizer.py'), 'passport', 'passport photos are 2x2 inches'),

  // --- national ids with a checksum ---
  ...[
    '010594Y9032',
    'My personal identity code is: 010594Y9032. Thank you.',
    '010594Y9021',
    '020594X903P',
    '020594X903P is my hetu.',
    '020594X902N',
    "Here's my henkilötunnus 020594X902N.",
    '030594W903B',
    '030694W9024',
    '040594V9030',
    '040594V902Y',
    '050594U903M',
    '050594U902L',
    '010516B903X',
    '010516B902W',
    '020516C903K',
    '020516C902J',
    '030516D9037',
    '030516D9026',
    '010501E9032',
    '020502E902X',
    '020503F9037',
    '020504A902E',
    '020504B904H',
  ].map((text) => {
    const id = /\d{6}[A-Z]\d{3}[0-9A-Z]/.exec(text)?.[0] ?? text;
    return pos(P('test_fi_personal_identity_code_recognizer.py'), 'national-id:fi', text, id);
  }),
  ...['111111-111A', '111111+110G', '311190-1111', '310289-211C', '012245A110G', '010324A110G'].map((t) =>
    neg(P('test_fi_personal_identity_code_recognizer.py'), 'national-id:fi', t),
  ),
  ...[
    ['960121-1234567'],
    ['9601211234567'],
    ['000505-3637892'],
    ['0005053637892'],
    ['His Korean RRN is 960121-1234567', '960121-1234567'],
    ['960121-1021413'],
    ['9601211021413'],
    ['050912-2000019'],
    ['0509122000019'],
    ['His RRN is 9601211021413', '9601211021413'],
  ].map(([text, ...s]) => pos(P('test_kr_rrn_recognizer.py'), 'national-id:kr', text as string, ...s)),
  ...[
    '001332-1234567',
    '0013321234567',
    '960121+1021413',
    '960111-10214131',
    '960303-0021413',
    '760413-5212134',
    '000402-6214431',
    '051102-9234110',
  ].map((t) => neg(P('test_kr_rrn_recognizer.py'), 'national-id:kr', t)),
  ...[
    ['130 692 544'],
    ['435 418 165'],
    ['948 584 792'],
    ['347-677-452'],
    ['731-530-150'],
    ['130692544'],
    ['550090112'],
    ['my SIN is 130-692-544', '130-692-544'],
    ['mon NAS: 258 933 688', '258 933 688'],
  ].map(([text, ...s]) => pos(P('test_ca_sin_recognizer.py'), 'national-id:ca-sin', text as string, ...s)),
  ...[
    '130 692 545',
    '130692545',
    '435-418-166',
    '046 454 286',
    '812 345 678',
    '111 111 111',
    '999 999 999',
    '046-454 286',
    '046 454-286',
    '13069254',
    '1306925440',
  ].map((t) => neg(P('test_ca_sin_recognizer.py'), 'national-id:ca-sin', t)),
  ...[
    ['911-701234 91170-1234', '911-701234', '91170-1234'],
    ['911701234'],
    ['911-70-1234'],
    ['my itin: 911701234', '911701234'],
    ['my itin is 911-70-1234', '911-70-1234'],
    ['my taxpayer id is 911-701234 91170-1234', '911-701234', '91170-1234'],
    ['Itin: 911-70-1234', '911-70-1234'],
  ].map(([text, ...s]) =>
    pos(
      text === 'Itin: 911-70-1234' ? P('data/demo.txt') : P('test_us_itin_recognizer.py'),
      'national-id:us-itin',
      text as string,
      ...s,
    ),
  ),
  neg(P('test_us_itin_recognizer.py'), 'national-id:us-itin', '911-89-1234'),
  neg(P('test_us_itin_recognizer.py'), 'national-id:us-itin', 'my taxpayer id 911-89-1234'),
  // Sweden: Skatteverket's published example personnummer; Türkiye: the T.C. Kimlik No commonly
  // published as the validation example; South Africa: Home Affairs' documented example ID number
  pos('skatteverket:personnummer-example', 'national-id:se', 'personnummer 811218-9876', '811218-9876'),
  pos('skatteverket:personnummer-example', 'national-id:se', '19811218-9876'),
  neg('skatteverket:personnummer-example', 'national-id:se', 'personnummer 811218-9875'),
  pos('nvi:tckn-example', 'national-id:tr', 'TC kimlik no: 10000000146', '10000000146'),
  neg('nvi:tckn-example', 'national-id:tr', 'TC kimlik no: 10000000147'),
  pos('dha:za-id-example', 'national-id:za', 'ID number 8001015009087', '8001015009087'),
  neg('dha:za-id-example', 'national-id:za', 'ID number 8001015009088'),

  // --- ABA routing numbers (presidio-analyzer/tests/test_aba_routing_recognizer.py) ---
  pos(P('test_aba_routing_recognizer.py'), 'aba-routing', '121000358'),
  pos(P('test_aba_routing_recognizer.py'), 'aba-routing', '3222-7162-7'),
  pos(P('test_aba_routing_recognizer.py'), 'aba-routing', '121042882'),
  pos(P('test_aba_routing_recognizer.py'), 'aba-routing', '0711-0130-7'),
  neg(P('test_aba_routing_recognizer.py'), 'aba-routing', '421042111'),
  neg(P('test_aba_routing_recognizer.py'), 'aba-routing', '1234-0000-0'),

  // --- payment cards (presidio-analyzer/tests/test_credit_card_recognizer.py) ---
  pos(
    P('test_credit_card_recognizer.py'),
    'card',
    '4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881',
    '4012888888881881',
    '4012-8888-8888-1881',
    '4012 8888 8888 1881',
  ),
  ...[
    '122000000000003',
    '371449635398431',
    '5555555555554444',
    '5019717010103742',
    '30569309025904',
    '6011000400000000',
    '3528000700000000',
    '6759649826438453',
    '4111111111111111',
    '4917300800000000',
    '4484070000000000',
  ].map((n) => pos(P('test_credit_card_recognizer.py'), 'card', n)),
  pos(P('test_credit_card_recognizer.py'), 'card', 'my credit card: 122000000000003', '122000000000003'),
  neg(P('test_credit_card_recognizer.py'), 'card', '4012-8888-8888-1882'),
  neg(P('test_credit_card_recognizer.py'), 'card', 'my credit card number is 4012-8888-8888-1882'),
  neg(P('test_credit_card_recognizer.py'), 'card', '36168002586008'),
  neg(P('test_credit_card_recognizer.py'), 'card', 'my credit card number is 36168002586008'),

  // --- US SSN (presidio-analyzer/tests/test_us_ssn_recognizer.py) ---
  pos(P('test_us_ssn_recognizer.py'), 'ssn', '078-05-1123'),
  pos(P('test_us_ssn_recognizer.py'), 'ssn', '078.05.1123'),
  pos(P('test_us_ssn_recognizer.py'), 'ssn', '078 05 1123'),
  pos(
    P('data/context_sentences_tests.txt'),
    'ssn',
    'my social security number is 078-05-1120',
    '078-05-1120',
  ),
  pos(P('data/context_sentences_tests.txt'), 'ssn', 'my social security number is 078051120', '078051120'),
  pos(P('data/demo.txt'), 'ssn', 'Social security number: 078-05-1120', '078-05-1120'),
  ...['0780511201', '078051120', '000000000', '666000000', '078-05-0000', '078 00 1123', '693-09.4444'].map(
    (t) => neg(P('test_us_ssn_recognizer.py'), 'ssn', t),
  ),

  // --- phones (presidio tests and data) ---
  pos(
    P('test_phone_recognizer.py'),
    'phone',
    'My US number is (415) 555-0132, and my international one is +1 415 555 0132',
    '(415) 555-0132',
    '+1 415 555 0132',
  ),
  pos(P('test_phone_recognizer.py'), 'phone', 'My Israeli number is 09-7625400', '09-7625400'),
  pos(P('data/context_sentences_tests.txt'), 'phone', 'my phone number is (425) 882-9090', '(425) 882-9090'),
  pos(P('data/context_sentences_tests.txt'), 'phone', 'my phone number is:(425) 882-9090', '(425) 882-9090'),
  pos(P('data/context_sentences_tests.txt'), 'phone', 'my phone number is 425 8829090', '425 8829090'),
  pos(
    P('data/context_sentences_tests.txt'),
    'phone',
    'try one of these phones 052 5552606 074-7111234',
    '052 5552606',
    '074-7111234',
  ),
  pos(P('data/context_sentences_tests.txt'), 'phone', 'my phone number is 4258829090', '4258829090'),
  pos(P('data/demo.txt'), 'phone', 'Phone number: (555) 253-0000.', '(555) 253-0000'),
  // Türkiye (BTK national numbering plan formats) and China mobile (MIIT 1[3-9]x plan), as written
  ...[
    '+90 212 555 12 34',
    '+90 532 123 45 67',
    '0532 123 45 67',
    '0 (532) 123 45 67',
    '0212 555 12 34',
    '+90 (532) 123-4567',
    '0532-123-4567',
    '+905321234567',
  ].map((t) => pos('btk:numbering-plan', 'phone', `arayın: ${t}`, t)),
  ...['+86 138 0013 8000', '+86 13800138000', '+86-139-1099-8888', '手机 13800138000'].map((t) =>
    pos('miit:numbering-plan', 'phone', t, t.replace('手机 ', '')),
  ),

  // --- e-mail and IBAN (presidio demo and tests) ---
  pos(P('test_email_recognizer.py'), 'email', 'info@presidio.site'),
  pos(P('test_email_recognizer.py'), 'email', 'my email is info@presidio.site', 'info@presidio.site'),
  pos(
    P('test_email_recognizer.py'),
    'email',
    'try one of this emails: info@presidio.site or anotherinfo@presidio.site',
    'info@presidio.site',
    'anotherinfo@presidio.site',
  ),
  neg(P('test_email_recognizer.py'), 'email', 'the email is my email is info@presidio.'),
  pos(P('data/demo.txt'), 'iban', 'IBAN: IL150120690000003111111', 'IL150120690000003111111'),

  // --- vendor documentation examples of secrets ---
  pos(
    'aws-docs:access-keys',
    'secret-context',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ),
  pos(
    'aws-docs:access-keys',
    'secret-context',
    'AWS AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ),
  pos(
    'aws-docs:access-keys',
    'secret-context',
    'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ),
  pos(
    'stripe-docs:api-keys',
    'api-key',
    "Stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'",
    'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  ),
  pos(
    'jwt.io:debugger-example',
    'api-key',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ),
  pos('rfc6750:section-2.1', 'secret-context', 'Authorization: Bearer mF_9.B5f-4.1JqM', 'mF_9.B5f-4.1JqM'),
  pos(
    'rfc7617:section-2',
    'secret-context',
    'Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    'QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
  ),
  pos(
    'rfc6749:section-5.1',
    'secret-context',
    '"access_token":"2YotnFZFEjr1zCsicMWpAA"',
    '2YotnFZFEjr1zCsicMWpAA',
  ),
  pos(
    'rfc6749:section-5.1',
    'secret-context',
    '"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"',
    'tGzv3JOkF0XG5Qx2TlKWIA',
  ),
  pos(
    'gitleaks:curl-auth-user',
    'secret-context',
    'curl -u admin:Sup3rS3cr3tPw https://example.com/api',
    'Sup3rS3cr3tPw',
  ),
  neg('gitleaks:curl-auth-user', 'secret-context', "curl -u 'test:test' https://example.com"),
  neg('gitleaks:curl-auth-user', 'secret-context', 'curl -u "$USER:$PASSWORD" https://example.com'),
  neg('gitleaks:curl-auth-user', 'secret-context', 'curl --user <username>:<password> https://example.com'),
  neg(
    'gitleaks:generic-api-key',
    'secret-context',
    'X-MS-Exchange-Organization-AuthSource: DM6PR11MB4596.namprd11.prod.outlook.com',
  ),
  neg('gitleaks:generic-api-key', 'secret-context', 'credentialId: "ZmFrZUNyZWRlbnRpYWxJZDEyMzQ1Ng"'),
  neg('gitleaks:generic-api-key', 'secret-context', 'primary_key = "user_account_id"'),
  neg('gitleaks:generic-api-key', 'secret-context', 'keyVaultToStoreSecrets = "my-keyvault-name"'),
  neg('gitleaks:generic-api-key', 'secret-context', 'api_version = "2023-10-01-preview"'),
  neg('gitleaks:generic-api-key', 'secret-context', 'password = "${DB_PASSWORD}"'),
  neg(
    'gitleaks:generic-api-key',
    'secret-context',
    'token_endpoint = "https://login.example.com/oauth2/token"',
  ),
];
