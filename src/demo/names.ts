/**
 * Given-name and surname lists typical of the Albanian, Bosniak, Macedonian, Montenegrin and
 * Serbian communities, in their Latin spelling with diacritics. Combined at random they make
 * synthetic names; no combination is meant to denote a real person, and surnames strongly tied
 * to public figures are deliberately left out.
 */
import type { Community, WorldPerson } from './types.js';
import type { Rng } from './rng.js';

interface NameList {
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
}

const csv = (s: string): readonly string[] => s.split(',').map((x) => x.trim());

export const NAME_LISTS: Readonly<Record<Community, NameList>> = {
  ALBANIAN: {
    male: csv('Arben, Ardit, Arianit, Besnik, Blerim, Bujar, Dardan, Driton, Fatmir, Gëzim, Ilir, Jetmir, Kushtrim, Labinot, Lulzim, Mentor, Naim, Valon, Visar, Agron, Artan, Burim, Egzon, Florent, Shpëtim, Xhevdet, Ermal, Fitim, Granit, Liridon'),
    female: csv('Albana, Arta, Besa, Blerta, Donika, Drita, Elira, Fjolla, Hana, Jehona, Lirie, Mimoza, Qëndresa, Rinë, Valbona, Vjosa, Zana, Teuta, Shqipe, Lindita'),
    surnames: csv('Hoxha, Krasniqi, Gashi, Morina, Shala, Kelmendi, Rexhepi, Bytyçi, Hasani, Ahmeti, Osmani, Salihu, Kryeziu, Musliu, Limani, Zeqiri, Sejdiu, Mustafa, Ismaili, Aliu, Bajrami, Demiri, Emini, Fetahu, Halili, Idrizi, Xhaferi, Çela, Leka, Berisha'),
  },
  BOSNIAK: {
    male: csv('Adnan, Almir, Amar, Amel, Armin, Edin, Elvir, Emir, Enes, Haris, Harun, Jasmin, Kenan, Mirza, Nedim, Nermin, Samir, Senad, Tarik, Vedad, Adis, Muhamed, Ismet, Safet, Nihad, Zijad, Fuad, Mustafa, Ibrahim, Selver'),
    female: csv('Amela, Amra, Aida, Ajla, Belma, Dženana, Elma, Emina, Lejla, Merima, Sabina, Selma, Hana, Naida, Medina, Esma, Šejla, Alma, Azra, Adna'),
    surnames: csv('Hodžić, Mujić, Hadžić, Begović, Delić, Hasanović, Husić, Ibrahimović, Mehmedović, Omerović, Salihović, Šehić, Zukić, Halilović, Alić, Karić, Softić, Muratović, Smajić, Džafić, Suljić, Ćatić, Mešić, Bešić, Hamzić, Avdić, Osmanović, Ramić, Tahirović, Ljubović'),
  },
  MACEDONIAN: {
    male: csv('Aleksandar, Blagoj, Dimitar, Gjorgji, Goran, Igor, Ilija, Kiril, Marjan, Nikola, Petar, Stefan, Trajče, Zoran, Dragan, Vlatko, Kire, Darko, Ljupčo, Nikolče'),
    female: csv('Ana, Biljana, Elena, Ivana, Katerina, Marija, Maja, Sanja, Simona, Vesna, Jasmina, Gordana, Kristina, Ljubica, Dzvezda'),
    surnames: csv('Trajkovski, Nikolovski, Stojanovski, Petrovski, Dimitrievski, Jovanovski, Angelovski, Ristovski, Kostovski, Georgievski, Stojkovski, Iliev, Mitrev, Trajanov, Gjorgjievski, Popovski, Kjosevski, Nedelkovski, Todorov, Zdravkovski'),
  },
  MONTENEGRIN: {
    male: csv('Balša, Danilo, Dragoljub, Luka, Marko, Miljan, Novak, Radomir, Slobodan, Vasilije, Vukašin, Žarko, Boško, Predrag, Igor, Nikola, Veselin, Branko'),
    female: csv('Milena, Jelena, Bojana, Danijela, Ivana, Marina, Sanja, Tamara, Vesna, Zorica, Andrea, Jovana'),
    surnames: csv('Vujović, Radulović, Vučinić, Lakić, Perović, Šćepanović, Raičević, Bošković, Nikčević, Mijušković, Kaluđerović, Vukčević, Drobnjak, Pejović, Krivokapić, Jovanović, Đurović, Lalević'),
  },
  SERBIAN: {
    male: csv('Aleksandar, Bojan, Dejan, Dragan, Dušan, Goran, Ivan, Jovan, Lazar, Marko, Milan, Miloš, Nemanja, Nikola, Stefan, Vladimir, Zoran, Đorđe, Miroslav, Uroš, Vuk, Filip, Nenad, Srđan, Predrag, Ljubomir'),
    female: csv('Ana, Biljana, Dragana, Jelena, Ivana, Jovana, Katarina, Marija, Milica, Nataša, Snežana, Tijana, Vesna, Gordana, Sanja, Teodora, Ljiljana, Danijela, Nevena, Anđela'),
    surnames: csv('Jovanović, Petrović, Nikolić, Marković, Đorđević, Stojanović, Ilić, Stanković, Pavlović, Popović, Živković, Janković, Todorović, Ristić, Lazić, Kostić, Savić, Mitrović, Radovanović, Vasić, Tomić, Lukić, Obradović, Ćirić, Gajić, Simić, Ljubisavljević, Nješković, Džodić'),
  },
};

/** Macedonian surnames agree with the sex of the bearer (Trajkovski / Trajkovska, Iliev / Ilieva). */
function feminineMacedonian(surname: string): string {
  if (surname.endsWith('ski')) return `${surname.slice(0, -1)}a`;
  if (surname.endsWith('ev') || surname.endsWith('ov')) return `${surname}a`;
  return surname;
}

/** Draws a given name and surname for a person of the community and sex. */
export function pickName(rng: Rng, community: Community, sex: WorldPerson['sex']): { givenName: string; familyName: string } {
  const list = NAME_LISTS[community];
  const givenName = rng.pick(sex === 'MALE' ? list.male : list.female);
  let familyName = rng.pick(list.surnames);
  if (community === 'MACEDONIAN' && sex === 'FEMALE') familyName = feminineMacedonian(familyName);
  return { givenName, familyName };
}
