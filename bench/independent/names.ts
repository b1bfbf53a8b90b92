/**
 * Name pools for the independent generator, by naming convention. Written for this generator
 * alone (not shared with bench/synthetic), so its habits are not the ones the linker was tuned to.
 */

export type Culture = 'british' | 'irish' | 'south-asian-muslim' | 'sikh' | 'somali' | 'chinese' | 'polish' | 'nordic-german';

export interface Pool {
  female: readonly string[];
  male: readonly string[];
  family: readonly string[];
}

export const POOLS: Record<Culture, Pool> = {
  british: {
    female: [
      'Olivia', 'Amelia', 'Isabella', 'Elizabeth', 'Charlotte', 'Jessica', 'Imogen', 'Penelope', 'Felicity',
      'Sophie', 'Evelyn', 'Alexis', 'Joanne', 'Veronica', 'Elaine', 'Chloé', 'Zoë', 'Renée', 'Grace', 'Freya',
      'Lily', 'Emily', 'Ava', 'Ruby', 'Lacey-Mae', 'Summer', 'Paige', 'Kayleigh', 'Demi', 'Leah',
    ],
    male: [
      'Oliver', 'Harrison', 'Alexander', 'Thomas', 'Samuel', 'Daniel', 'James', 'William', 'Jack', 'Noah', 'George',
      'Leo', 'Nicholas', 'Kaiden', 'Jacob', 'Ethan', 'Evan', 'Riley', 'Harvey', 'Harley', 'Mason', 'Tyler',
      'Callum', 'Connor', 'Kyle', 'Jordan', 'Reece', 'Brandon', 'Dylan', 'Lewis',
    ],
    family: [
      'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
      'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Hughes',
      'Ashworth', 'Fletcher', 'Holt', 'Pickering', 'Sutcliffe', 'Barraclough', 'Smith-Jones', 'Hart-Davies',
      'Lloyd-Evans', 'Brennan', 'Marsden', 'Greenwood', 'Haigh', 'Firth',
    ],
  },
  irish: {
    female: ['Niamh', 'Siobhán', 'Aoife', 'Ciara', 'Róisín', 'Orla', 'Sinéad', 'Caoimhe'],
    male: ['Seán', 'Ciarán', 'Liam', 'Cormac', 'Declan', 'Padraig', 'Eoin', 'Darragh'],
    family: ["O'Brien", "O'Neill", "O'Connor", "D'Arcy", 'McDonald', 'Walsh', 'Kelly', 'Murphy', "O'Sullivan"],
  },
  'south-asian-muslim': {
    female: ['Aisha', 'Fatima', 'Zainab', 'Maryam', 'Shahnaz', 'Nasreen', 'Amina', 'Sana', 'Hafsa', 'Khadija'],
    male: ['Mohammed', 'Yusuf', 'Ibrahim', 'Hamza', 'Imran', 'Tariq', 'Bilal', 'Zain', 'Ayaan', 'Adam'],
    family: ['Khan', 'Hussain', 'Ahmed', 'Ali', 'Iqbal', 'Rahman', 'Akhtar', 'Mahmood', 'Shah', 'Bashir'],
  },
  sikh: {
    female: ['Harpreet', 'Simran', 'Gurpreet', 'Manpreet', 'Jasleen', 'Navneet', 'Amrit', 'Kiran'],
    male: ['Harpreet', 'Amarjit', 'Jaswinder', 'Manjit', 'Gurdeep', 'Ranjit', 'Sukhdev', 'Arjun'],
    family: ['Sandhu', 'Gill', 'Dhillon', 'Sidhu', 'Bains', 'Johal', 'Grewal', 'Atwal'],
  },
  somali: {
    female: ['Hodan', 'Faadumo', 'Ayaan', 'Hibaaq', 'Sagal', 'Ubah', 'Nimco', 'Ifrah'],
    male: ['Abdirahman', 'Abdullahi', 'Mahad', 'Liban', 'Guled', 'Bashir', 'Yonis', 'Omar'],
    family: ['Warsame', 'Farah', 'Hassan', 'Abdi', 'Jama', 'Osman', 'Egal', 'Nur'],
  },
  chinese: {
    female: ['Mei', 'Xiu', 'Ling', 'Yan', 'Hui', 'Jing'],
    male: ['Wei', 'Jun', 'Hao', 'Ming', 'Tao', 'Lei'],
    family: ['Chen', 'Wang', 'Zhang', 'Liu', 'Huang', 'Zhou', 'Lin'],
  },
  polish: {
    female: ['Małgorzata', 'Łucja', 'Zofia', 'Agnieszka', 'Żaneta', 'Katarzyna'],
    male: ['Łukasz', 'Paweł', 'Michał', 'Wojciech', 'Krzysztof', 'Tomasz'],
    family: ['Kowalski', 'Wójcik', 'Kowalczyk', 'Zieliński', 'Łukasik', 'Woźniak', 'Dąbrowski'],
  },
  'nordic-german': {
    female: ['Søs', 'Grete', 'Jördis', 'Björk', 'Liselotte', 'Ingrid'],
    male: ['Søren', 'Bjørn', 'Jürgen', 'Jörg', 'Stefan', 'Ørjan'],
    family: ['Østergaard', 'Weiß', 'Strauß', 'Müller', 'Jørgensen', 'Nußbaum', 'Bøgh'],
  },
};

/** Culture weights of a northern English caseload (fictional). */
export const CULTURE_WEIGHTS: readonly (readonly [Culture, number])[] = [
  ['british', 52],
  ['irish', 6],
  ['south-asian-muslim', 14],
  ['sikh', 7],
  ['somali', 6],
  ['chinese', 5],
  ['polish', 6],
  ['nordic-german', 4],
];

/** Short forms that data/nicknames.csv does NOT list (the test checks that they stay absent). */
export const UNLISTED_SHORT: Record<string, readonly string[]> = {
  Isabella: ['Bela'],
  Harrison: ['Harry'],
  Elizabeth: ['Bette'],
  Imogen: ['Immy'],
  Alexis: ['Lexie'],
  Penelope: ['Poppy'],
  Nicholas: ['Nico'],
  Felicity: ['Fliss'],
  Elaine: ['Lainey'],
  Sophie: ['Soph'],
  Joanne: ['Jojo'],
  Veronica: ['Ronnie'],
  Kaiden: ['Kai'],
  Evelyn: ['Eve'],
};

/** Short forms that data/nicknames.csv lists (the test checks that they are there). */
export const LISTED_SHORT: Record<string, readonly string[]> = {
  Thomas: ['Tom'],
  William: ['Bill', 'Will'],
  Elizabeth: ['Liz', 'Beth'],
  Alexander: ['Alex', 'Xander'],
  Samuel: ['Sam'],
  Daniel: ['Danny'],
  James: ['Jim', 'Jamie'],
  Charlotte: ['Lottie'],
  Amelia: ['Millie'],
  Jessica: ['Jess'],
  Oliver: ['Olly'],
  Isabella: ['Izzy'],
  Jacob: ['Jake'],
  Mohammed: ['Mo'],
};

/** Spellings of one name in English transliteration; the first is the person's own. */
export const TRANSLITERATIONS: readonly (readonly string[])[] = [
  ['Mohammed', 'Muhammad', 'Mohd', 'Mohamed', 'Mohammad'],
  ['Yusuf', 'Yousuf', 'Yusef'],
  ['Aisha', 'Ayesha'],
  ['Fatima', 'Fatimah'],
  ['Zainab', 'Zaynab'],
  ['Maryam', 'Mariam'],
  ['Hamza', 'Hamzah'],
  ['Ibrahim', 'Ebrahim'],
  ['Hussain', 'Hussein', 'Husain'],
  ['Ahmed', 'Ahmad'],
  ['Rahman', 'Rehman'],
  ['Abdirahman', 'Abdulrahman', 'Abdurahman'],
  ['Faadumo', 'Fadumo'],
  ['Abdullahi', 'Abdulahi'],
];

/** Twins' given names that look alike (Olivia/Oliver), besides twins with unrelated names. */
export const SIMILAR_TWINS: readonly (readonly [string, string, 'F' | 'M', 'F' | 'M'])[] = [
  ['Olivia', 'Oliver', 'F', 'M'],
  ['Ethan', 'Evan', 'M', 'M'],
  ['Harvey', 'Harley', 'M', 'M'],
  ['Amir', 'Amira', 'M', 'F'],
  ['Leo', 'Lea', 'M', 'F'],
  ['Kayla', 'Kyla', 'F', 'F'],
];

/** Letters some agencies' systems cannot store, and what they write instead. */
export const FOLDS: readonly (readonly [string, string])[] = [
  ['Ł', 'L'], ['ł', 'l'], ['Ø', 'O'], ['ø', 'o'], ['ß', 'ss'], ['ą', 'a'], ['ę', 'e'], ['ó', 'o'],
  ['ś', 's'], ['ż', 'z'], ['ź', 'z'], ['ń', 'n'], ['ć', 'c'], ['ä', 'a'], ['ö', 'o'], ['ü', 'u'],
  ['Ż', 'Z'], ['é', 'e'], ['ë', 'e'], ['á', 'a'], ['í', 'i'], ['Ö', 'O'],
];

export function fold(name: string): string {
  let out = name;
  for (const [from, to] of FOLDS) out = out.split(from).join(to);
  return out;
}

export const STREETS: readonly string[] = [
  'Acacia', 'Larch', 'Moorside', 'Victoria', 'Station', 'Church', 'Mill', 'Park', 'Chapel', 'Albert', 'Kings',
  'Queens', 'Beech', 'Rowan', 'Heather', 'Bracken', 'Cross', 'Fountain', 'Wharf', 'Canal', 'Spring', 'Hollins',
];
export const STREET_KINDS: readonly (readonly [string, string])[] = [
  ['Road', 'Rd'], ['Street', 'St'], ['Avenue', 'Ave'], ['Close', 'Cl'], ['Drive', 'Dr'], ['Crescent', 'Cres'],
  ['Lane', 'Ln'], ['Terrace', 'Terr'], ['Grove', 'Gr'],
];
export const TOWNS: readonly string[] = ['Dunmore', 'Halbridge', 'Eastwick', 'Thornley', 'Castlegate'];
