/**
 * People's names and postal addresses in prose, source code and UI strings. The names are the most
 * common given names of the US Social Security Administration's list and surnames of the US Census
 * Bureau's 2010 surname table (both public domain); the addresses are the examples of USPS
 * Publication 28 and of Royal Mail's addressing guide, and addresses of public buildings. Each
 * case carries its setting (`person:prose`, `person:code`, `person:ui`) so recall and false
 * positives are reported per setting. Negatives are capitalised words that are not people.
 */
import type { ExternalCase } from './external-case.ts';

const NAMES = 'ssa+census:name-lists';
const ADDR = 'usps-pub28+royal-mail:address-examples';

const people: [string, string, ...string[]][] = [
  ['prose', 'Please forward the contract to Jennifer Martinez before Friday.', 'Jennifer Martinez'],
  ['prose', 'I had lunch with Michael Brown and he agreed to the plan.', 'Michael Brown'],
  ['prose', 'Can you ask Patricia Johnson whether the invoice went out?', 'Patricia Johnson'],
  ['prose', 'Robert Smith called about the delivery this morning.', 'Robert Smith'],
  ['prose', 'Thanks, Linda Garcia, for the quick review.', 'Linda Garcia'],
  ['prose', 'Meeting notes: David Johnson presented the roadmap.', 'David Johnson'],
  ['prose', 'Dear Elizabeth Williams, your appointment is confirmed.', 'Elizabeth Williams'],
  ['prose', 'William Davis will cover the on-call shift next week.', 'William Davis'],
  ['prose', 'Barbara Rodriguez has approved the budget.', 'Barbara Rodriguez'],
  ['prose', 'I spoke to Richard Wilson about his medical leave.', 'Richard Wilson'],
  [
    'prose',
    'Susan Anderson and Joseph Thomas are moving to the Berlin office.',
    'Susan Anderson',
    'Joseph Thomas',
  ],
  ['prose', 'Hi Jessica, can we move our call to 3pm?', 'Jessica'],
  ['prose', 'My name is Thomas Taylor and I live alone.', 'Thomas Taylor'],
  ['prose', 'Ask Sarah Moore; she handled the complaint.', 'Sarah Moore'],
  ['prose', 'Christopher Jackson was diagnosed last spring.', 'Christopher Jackson'],
  ['prose', 'Karen Martin sent the signed lease.', 'Karen Martin'],
  ['prose', 'Person name: David Johnson', 'David Johnson'],
  ['code', '// TODO(Robert Miller): drop this branch after the migration', 'Robert Miller'],
  ['code', 'author = "Susan Taylor"', 'Susan Taylor'],
  ['code', "const owner = { name: 'Mary Hernandez', role: 'admin' };", 'Mary Hernandez'],
  ['code', '# Maintainer: James Lopez', 'James Lopez'],
  ['code', 'git commit -m "Fix typo reported by Jennifer Gonzalez"', 'Jennifer Gonzalez'],
  ['code', "INSERT INTO customers (name) VALUES ('Michael Wilson');", 'Michael Wilson'],
  ['code', 'assert user.full_name == "Linda Anderson"', 'Linda Anderson'],
  ['code', '@author Patricia Thomas', 'Patricia Thomas'],
  ['ui', 'Signed in as Karen Lopez', 'Karen Lopez'],
  ['ui', 'Message from Michael Brown', 'Michael Brown'],
  ['ui', 'Assigned to: Jessica Martinez', 'Jessica Martinez'],
  ['ui', 'Call David Garcia', 'David Garcia'],
  ['ui', 'Shared by Sarah Taylor · 2 min ago', 'Sarah Taylor'],
  ['ui', 'Reply to Thomas Moore', 'Thomas Moore'],
  ['ui', 'Joseph Martin is typing…', 'Joseph Martin'],
  ['ui', 'Invite Elizabeth Jackson to this channel', 'Elizabeth Jackson'],
];

const notPeople: [string, string][] = [
  ['prose', 'The Smith chart shows the impedance of the line.'],
  ['prose', 'We moved the stand-up to Monday at Main Street Café.'],
  ['prose', 'Apple Music and Google Drive were both down.'],
  ['prose', 'The Brown Bag session covers TypeScript generics.'],
  ['prose', 'New York Times reported the outage first.'],
  ['prose', 'The release notes mention Windows Server support.'],
  ['prose', 'Next Tuesday we ship the March release.'],
  ['prose', 'Read the Getting Started guide before the workshop.'],
  ['code', 'import React, { useState } from "react";'],
  ['code', 'class JohnsonTransformer extends BaseTransformer {}'],
  ['code', 'const MaxRetryCount = 5; // Default Timeout'],
  ['code', "SELECT OrderId, CustomerName FROM Orders WHERE Status = 'Open'"],
  ['code', 'public static void Main(string[] args)'],
  ['code', 'throw new InvalidOperationException("Stream Closed");'],
  ['code', 'export default function PageHeader({ title }: Props) {}'],
  ['code', 'docker run --name Redis Cache -d redis:7'],
  ['ui', 'Save As'],
  ['ui', 'Mark As Read'],
  ['ui', 'Open With Visual Studio Code'],
  ['ui', 'Sign Out'],
  ['ui', 'Print Preview'],
  ['ui', 'Select All'],
  ['ui', 'Show Hidden Files'],
  ['ui', 'Add To Cart'],
  ['ui', 'Terms Of Service'],
  ['ui', 'Dark Mode'],
];

const addresses: [string, ...string[]][] = [
  ['Ship it to 102 Main St Apt 101, Anytown, NY 12345-6789 please.', '102 Main St Apt 101'],
  ['Our office: 1600 Pennsylvania Avenue NW, Washington, DC 20500', '1600 Pennsylvania Avenue NW'],
  ['Send the letter to 10 Downing Street, London SW1A 2AA.', '10 Downing Street'],
  ['She lives at 221B Baker Street, London NW1 6XE', '221B Baker Street'],
  ['Delivery address: 4567 Oak Avenue, Springfield, IL 62704', '4567 Oak Avenue'],
  ['Return to 1 Infinite Loop, Cupertino, CA 95014', '1 Infinite Loop'],
  ['meet me at 350 Fifth Avenue, New York, NY 10118', '350 Fifth Avenue'],
  ['billing: 742 Evergreen Terrace, Springfield', '742 Evergreen Terrace'],
  ['HQ moved to 500 Pine Road, Suite 200, Austin, TX 78701', '500 Pine Road'],
  ['address line 1: 12 Church Lane', '12 Church Lane'],
];

const notAddresses: string[] = [
  'Main Street is closed for the parade.',
  'Section 102 of the act covers this.',
  'Open port 8080 on the load balancer.',
  'Version 2 Avenue of the API is deprecated.',
  'We shipped 25 items to the warehouse.',
  'Road map review at 10 with the team.',
];

export function peopleCases(): ExternalCase[] {
  const out: ExternalCase[] = [];
  for (const [setting, text, ...secrets] of people)
    out.push({ source: NAMES, kind: 'positive', category: `person:${setting}`, text, secrets });
  for (const [setting, text] of notPeople)
    out.push({ source: NAMES, kind: 'negative', category: `person:${setting}`, text });
  for (const [text, ...secrets] of addresses)
    out.push({ source: ADDR, kind: 'positive', category: 'address', text, secrets });
  for (const text of notAddresses) out.push({ source: ADDR, kind: 'negative', category: 'address', text });
  return out;
}
