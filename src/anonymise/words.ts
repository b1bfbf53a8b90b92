/**
 * Names that are also ordinary English words. Written on their own in lower case ("she will
 * attend", "tension rose") they are read as the word; capitalised, or beside another part of the
 * name, they are the name.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const ORDINARY = new Set([
  ...MONTHS,
  'will', 'bill', 'rose', 'hope', 'summer', 'grace', 'faith', 'joy', 'mark', 'pat', 'sue', 'jack', 'frank', 'rich', 'ruby',
  'amber', 'dawn', 'eve', 'ivy', 'lily', 'holly', 'heather', 'iris', 'daisy', 'violet', 'jasmine', 'sky', 'storm', 'river',
  'rocky', 'brook', 'dale', 'glen', 'wood', 'stone', 'king', 'brown', 'green', 'white', 'black', 'young', 'hill', 'baker',
  'smith', 'cook', 'wall', 'hall', 'bell', 'long', 'short', 'price', 'page', 'ward', 'field', 'marsh', 'moss',
  'lane', 'north', 'south', 'west', 'best', 'sharp', 'swift', 'good', 'gay', 'hunt', 'fox', 'lamb', 'bird', 'crow', 'drew',
  'rob', 'sam', 'bob', 'ray', 'art', 'don', 'ben', 'max', 'gene', 'guy', 'victor', 'van', 'chase', 'hunter', 'miles',
  'noble', 'parker', 'porter', 'penny', 'crystal', 'pearl', 'star', 'honey', 'sunny', 'autumn', 'winter', 'spring', 'sage',
  'rain', 'angel', 'blessing', 'precious', 'happy', 'patience', 'prudence', 'charity', 'mercy', 'constance', 'harmony',
  'hazel', 'olive', 'poppy', 'willow', 'robin', 'wren', 'jay', 'row', 'reed', 'ash', 'rowan', 'heath', 'gale', 'hay',
  'cash', 'coffee', 'lemon', 'butcher', 'fisher', 'mason', 'carter', 'taylor', 'turner', 'walker', 'cole', 'bush',
  'house', 'love', 'kind', 'care', 'law', 'lord', 'nurse', 'doctor', 'bishop', 'pope', 'knight', 'duke', 'earl', 'major',
  'small', 'little', 'large', 'strong', 'free', 'low', 'high', 'new', 'old', 'early', 'late', 'day', 'night', 'week',
]);

export function isOrdinaryWord(key: string): boolean {
  return ORDINARY.has(key);
}

export function isMonth(key: string): boolean {
  return MONTHS.includes(key);
}
