// Compact lists for the synthetic generator. Names are common in the UK across
// its nations and communities; places are real postcode districts with their
// post towns and an approximate British National Grid centre.

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** @internal */
export const FEMALE_FORENAMES = words(`
  Olivia Amelia Isla Ava Mia Ivy Lily Isabella Sophia Grace Freya Florence Evie Poppy Ella Emily Charlotte Sienna
  Margaret Susan Patricia Linda Elizabeth Sarah Karen Helen Joanne Claire Emma Rachel Louise Nicola Jennifer Hannah
  Aisha Fatima Maryam Zainab Amina Priya Anjali Simran Harpreet Nadia Yasmin Chloe Jessica Megan Lauren Sophie
  Siobhan Niamh Aoife Ciara Eilidh Morag Catriona Ffion Cerys Seren Carys Bethan Agnieszka Katarzyna Oluwaseun Chiamaka
  Zoë Renée Siân Anna Mary Jean Joan Dorothy Irene Barbara Ayesha Mei Hui Abimbola Leah Erin Alice Ruby
`);

/** @internal */
export const MALE_FORENAMES = words(`
  Oliver George Noah Arthur Harry Leo Muhammad Jack Charlie Oscar Jacob Henry Thomas Freddie Alfie Theo William Archie
  David John Michael Paul Andrew Mark James Richard Peter Robert Stephen Christopher Daniel Matthew Anthony Ian Gary
  Mohammed Ahmed Ali Omar Yusuf Hamza Ibrahim Raj Arjun Sanjay Gurpreet Harjit Amir Tariq Kwame Chinedu Emeka Tunde
  Callum Ewan Fraser Hamish Angus Rhys Dylan Gareth Dafydd Iwan Owain Sean Ciarán Padraig Eoin Darragh Cormac
  Tomasz Piotr Jakub Andrei Mihai Kofi Jamal Wei Jun Ethan Lewis Connor Kieran Nathan Samuel Joseph Edward
`);

/** @internal */
export const SURNAMES = words(`
  Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker White
  Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark
  Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell
  Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis
  Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen
  Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Kaur Ahmed
  Shah Akhtar Rahman Chowdhury Mahmood Nowak Kowalski Wiśniewska Popescu Okafor Adeyemi Mensah Asante Nguyen Chen Wang
  O'Brien O'Connor O'Neill McDonald MacLeod McKenzie Fraser Grant Ross Stewart Reid Doherty Quinn Byrne Ó\u00a0Súilleabháin
  Smith-Jones Lloyd-Williams Ap\u00a0Rhys Ferreira Da\u00a0Silva Abara Boateng Sørensen Müller
`).map((name) => name.replace(/\u00a0/g, ' '));

/** Short forms people go by, so some residents have a preferred name. @internal */
export const PREFERRED_FORMS: Readonly<Record<string, string>> = {
  Elizabeth: 'Liz', Margaret: 'Maggie', Jennifer: 'Jen', Patricia: 'Pat', Catriona: 'Cat', Katarzyna: 'Kasia', Agnieszka: 'Aga',
  William: 'Bill', Robert: 'Bob', Richard: 'Rich', Christopher: 'Chris', Michael: 'Mike', Anthony: 'Tony', Joseph: 'Joe',
  Edward: 'Ted', Samuel: 'Sam', Matthew: 'Matt', Daniel: 'Dan', Mohammed: 'Mo', Oluwaseun: 'Seun', Abimbola: 'Bimbo',
};

/** @internal */
export interface Area {
  outward: string;
  town: string;
  easting?: number;
  northing?: number;
  /** First part of an Ofcom drama-range number near the area (always valid, never connected). */
  phone: string;
}

const DRAMA = {
  leeds: '0113 496 0', sheffield: '0114 496 0', leicester: '0116 496 0', bristol: '0117 496 0', reading: '0118 496 0',
  birmingham: '0121 496 0', edinburgh: '0131 496 0', glasgow: '0141 496 0', liverpool: '0151 496 0',
  manchester: '0161 496 0', london: '020 7946 0', tyneside: '0191 498 0', belfast: '028 9649 6', cardiff: '029 2018 0',
} as const;

/** @internal */
export const DRAMA_PREFIXES: readonly string[] = Object.values(DRAMA);

/** @internal */
export const AREAS: readonly Area[] = [
  { outward: 'LS6', town: 'Leeds', easting: 428500, northing: 436000, phone: DRAMA.leeds },
  { outward: 'LS11', town: 'Leeds', easting: 429500, northing: 431500, phone: DRAMA.leeds },
  { outward: 'BD7', town: 'Bradford', easting: 414500, northing: 431500, phone: DRAMA.leeds },
  { outward: 'M14', town: 'Manchester', easting: 385000, northing: 395000, phone: DRAMA.manchester },
  { outward: 'M20', town: 'Manchester', easting: 385000, northing: 391000, phone: DRAMA.manchester },
  { outward: 'B15', town: 'Birmingham', easting: 405000, northing: 285500, phone: DRAMA.birmingham },
  { outward: 'B29', town: 'Birmingham', easting: 404000, northing: 281500, phone: DRAMA.birmingham },
  { outward: 'CV1', town: 'Coventry', easting: 433500, northing: 279000, phone: DRAMA.birmingham },
  { outward: 'S10', town: 'Sheffield', easting: 432000, northing: 387000, phone: DRAMA.sheffield },
  { outward: 'L17', town: 'Liverpool', easting: 338000, northing: 387500, phone: DRAMA.liverpool },
  { outward: 'BS6', town: 'Bristol', easting: 358500, northing: 175000, phone: DRAMA.bristol },
  { outward: 'NE6', town: 'Newcastle upon Tyne', easting: 427500, northing: 565000, phone: DRAMA.tyneside },
  { outward: 'DH1', town: 'Durham', easting: 427000, northing: 542500, phone: DRAMA.tyneside },
  { outward: 'NG7', town: 'Nottingham', easting: 455500, northing: 339500, phone: DRAMA.leicester },
  { outward: 'LE2', town: 'Leicester', easting: 460000, northing: 302500, phone: DRAMA.leicester },
  { outward: 'RG1', town: 'Reading', easting: 471500, northing: 173000, phone: DRAMA.reading },
  { outward: 'OX4', town: 'Oxford', easting: 453500, northing: 204500, phone: DRAMA.reading },
  { outward: 'CF24', town: 'Cardiff', easting: 319500, northing: 177000, phone: DRAMA.cardiff },
  { outward: 'SA1', town: 'Swansea', easting: 265500, northing: 193000, phone: DRAMA.cardiff },
  { outward: 'LL57', town: 'Bangor', easting: 258000, northing: 371500, phone: DRAMA.cardiff },
  { outward: 'EH6', town: 'Edinburgh', easting: 326500, northing: 676000, phone: DRAMA.edinburgh },
  { outward: 'G12', town: 'Glasgow', easting: 256500, northing: 667500, phone: DRAMA.glasgow },
  { outward: 'AB24', town: 'Aberdeen', easting: 393500, northing: 808000, phone: DRAMA.edinburgh },
  { outward: 'DD1', town: 'Dundee', easting: 340000, northing: 730500, phone: DRAMA.edinburgh },
  { outward: 'IV2', town: 'Inverness', easting: 268000, northing: 844500, phone: DRAMA.glasgow },
  { outward: 'BT9', town: 'Belfast', phone: DRAMA.belfast },
  { outward: 'BT48', town: 'Londonderry', phone: DRAMA.belfast },
  { outward: 'SW9', town: 'London', easting: 531000, northing: 176000, phone: DRAMA.london },
  { outward: 'E17', town: 'London', easting: 537500, northing: 189000, phone: DRAMA.london },
  { outward: 'N16', town: 'London', easting: 533500, northing: 186500, phone: DRAMA.london },
  { outward: 'SE15', town: 'London', easting: 534500, northing: 176500, phone: DRAMA.london },
  { outward: 'W12', town: 'London', easting: 522500, northing: 180000, phone: DRAMA.london },
  { outward: 'EC1V', town: 'London', easting: 532000, northing: 182500, phone: DRAMA.london },
  { outward: 'WC1H', town: 'London', easting: 530000, northing: 182500, phone: DRAMA.london },
  { outward: 'CB1', town: 'Cambridge', easting: 546500, northing: 257500, phone: DRAMA.london },
  { outward: 'NR2', town: 'Norwich', easting: 622500, northing: 308500, phone: DRAMA.london },
  { outward: 'PL4', town: 'Plymouth', easting: 249000, northing: 55000, phone: DRAMA.bristol },
  { outward: 'EX4', town: 'Exeter', easting: 292000, northing: 93500, phone: DRAMA.bristol },
  { outward: 'TR1', town: 'Truro', easting: 182500, northing: 44500, phone: DRAMA.bristol },
  { outward: 'YO10', town: 'York', easting: 461500, northing: 450500, phone: DRAMA.leeds },
  { outward: 'HU5', town: 'Hull', easting: 507000, northing: 430000, phone: DRAMA.leeds },
  { outward: 'ST4', town: 'Stoke-on-Trent', easting: 388000, northing: 344500, phone: DRAMA.manchester },
  { outward: 'PO5', town: 'Southsea', easting: 464500, northing: 99000, phone: DRAMA.london },
  { outward: 'SO17', town: 'Southampton', easting: 442500, northing: 114500, phone: DRAMA.london },
  { outward: 'BN2', town: 'Brighton', easting: 532500, northing: 104500, phone: DRAMA.london },
  { outward: 'CT1', town: 'Canterbury', easting: 615000, northing: 157500, phone: DRAMA.london },
  { outward: 'IP4', town: 'Ipswich', easting: 618000, northing: 244500, phone: DRAMA.london },
  { outward: 'LN2', town: 'Lincoln', easting: 498000, northing: 372500, phone: DRAMA.leicester },
  { outward: 'CA1', town: 'Carlisle', easting: 341000, northing: 555500, phone: DRAMA.tyneside },
];

/** @internal */
export const STREET_STEMS = words(`
  Church Station Victoria Park Mill School Queen's King's Albert Green Manor Chapel Castle Grange Springfield
  Windsor Highfield Elm Oak Beech Ash Willow Cedar Meadow Orchard Brook Hawthorn Heather Primrose Coronation
  Princess Stanley Nelson Wellington Cromwell Clarence Alexandra Jubilee Marlborough Belmont Fairfield Rosebank
`);

/** @internal */
export const STREET_TYPES = words('Road Street Lane Avenue Close Drive Crescent Way Grove Terrace Gardens Place Court Walk Row Hill Rise View');

/** @internal */
export const HOUSE_NAMES = words('Rose_Cottage The_Old_Rectory Ivy_House The_Laurels Orchard_House Tŷ_Gwyn Hillcrest Woodlands The_Croft Fernlea').map((n) => n.replace(/_/g, ' '));

/** @internal */
export const BUILDING_NAMES = words('Victoria_Court Jubilee_House Riverside_Apartments Mill_View Park_Mansions Carlton_House Kingsway_Court Albion_Works').map((n) =>
  n.replace(/_/g, ' '),
);

/** @internal */
export const LOCALITIES = words('Headingley Holbeck Fallowfield Didsbury Edgbaston Selly_Oak Roath Leith Partick Walthamstow Stoke_Newington Peckham').map((n) =>
  n.replace(/_/g, ' '),
);

/** @internal */
export const LANGUAGES = words('cy pl ro pa ur bn ar so gd ga lt pt tr');

/** The inward-code letters Royal Mail uses (no C I K M O V), so generated postcodes look real. @internal */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** @internal */
export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;
