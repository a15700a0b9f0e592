"""Name lists for the synthetic region: Italian given names by sex and generation,
surnames common in Emilia-Romagna (and a southern set for people born in the South),
and the names of the largest foreign communities of the Bologna Appennino.

Generations matter: a woman born in 1930 is a Giuseppina or a Bruna, not an Aurora.
"""

from __future__ import annotations


def _split(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


# Given names by sex and generation: "old" born before 1951, "mid" 1951-1979, "young" 1980+.
MALE_NAMES: dict[str, tuple[str, ...]] = {
    "old": _split(
        "Giuseppe, Giovanni, Antonio, Mario, Luigi, Francesco, Angelo, Vincenzo, Pietro,"
        " Salvatore, Carlo, Franco, Domenico, Bruno, Paolo, Giorgio, Aldo, Sergio, Luciano,"
        " Renato, Giancarlo, Enzo, Gino, Dino, Alfredo, Armando, Ettore, Guido, Umberto,"
        " Walter, Romano, Ivo, Ivano, Elio, Gianni, Primo, Tonino, Adriano, Lino, Nello,"
        " Silvano, Vittorio, Arturo, Enrico, Rino, Giuliano, Dante, Oreste, Augusto, Libero,"
        " Loris, Ermes, Marino, Otello, Fernando, Raffaele, Ugo, Cesare, Emilio, Aurelio,"
        " Ernesto, Alberto, Learco, Ovidio, Remo, Athos, Gualtiero, Amedeo, Italo, Giacomo,"
        " Duilio, Evaristo, Fiorenzo, Nazzareno, Rolando, Sante, Teodoro, Valentino, Werther"
    ),
    "mid": _split(
        "Marco, Andrea, Stefano, Roberto, Massimo, Paolo, Alessandro, Maurizio, Fabio, Luca,"
        " Claudio, Daniele, Davide, Simone, Riccardo, Gianluca, Massimiliano, Fabrizio,"
        " Alberto, Giorgio, Franco, Enrico, Mauro, Gabriele, Emanuele, Federico, Matteo,"
        " Lorenzo, Nicola, Raffaele, Antonio, Giuseppe, Giovanni, Francesco, Sandro, Piero,"
        " Gianni, Cristian, Luigi, Ivan, Mirco, Denis, Alessio, Valerio, Sergio, Silvio,"
        " Domenico, Michele, Carlo, Tiziano, Ivano, Omar, Gianfranco, Pierluigi, Gianpaolo,"
        " Vittorio, Umberto, Giampiero, Corrado, Dario, Fausto, Gilberto, Leonardo, Luciano,"
        " Marcello, Mirko, Oscar, Paride, Renzo, Rudi, Sauro, Tiziano, Vanni, Willy"
    ),
    "young": _split(
        "Alessandro, Lorenzo, Matteo, Andrea, Francesco, Luca, Marco, Davide, Simone,"
        " Federico, Riccardo, Tommaso, Leonardo, Gabriele, Edoardo, Filippo, Giacomo,"
        " Nicolò, Pietro, Michele, Samuele, Mattia, Jacopo, Emanuele, Daniele, Stefano,"
        " Alberto, Diego, Christian, Manuel, Elia, Enea, Giulio, Kevin, Mirko, Luigi,"
        " Giovanni, Antonio, Giuseppe, Alessio, Fabio, Nicola, Cristian, Denis, Thomas,"
        " Sebastiano, Niccolò, Gioele, Ivan, Alex, Cesare, Damiano, Dennis, Enrico,"
        " Eugenio, Ettore, Fabrizio, Giorgio, Ludovico, Massimo, Nathan, Paolo, Raffaele,"
        " Roberto, Ruben, Valerio, Vittorio, Yuri"
    ),
}

FEMALE_NAMES: dict[str, tuple[str, ...]] = {
    "old": _split(
        "Maria, Anna, Giuseppina, Rosa, Angela, Giovanna, Teresa, Lucia, Carmela, Caterina,"
        " Francesca, Antonietta, Franca, Bruna, Iolanda, Elsa, Nives, Lina, Gina, Ada, Ida,"
        " Rina, Marisa, Luciana, Giuliana, Graziella, Gabriella, Adriana, Loredana, Vanda,"
        " Liliana, Silvana, Dina, Elena, Emilia, Pierina, Imelda, Dolores, Olga, Elvira,"
        " Irma, Norma, Alba, Ines, Clara, Giorgina, Augusta, Vittoria, Lea, Licia, Mirella,"
        " Nella, Natalina, Edda, Ester, Amelia, Rita, Carla, Bianca, Albertina, Argia,"
        " Bruna, Celestina, Derna, Enrica, Fernanda, Gemma, Iris, Leda, Luigia, Marcella,"
        " Nerina, Onelia, Palmira, Rosanna, Sesta, Tosca, Uliana, Velia, Zaira"
    ),
    "mid": _split(
        "Paola, Laura, Patrizia, Cristina, Barbara, Monica, Elena, Roberta, Daniela,"
        " Sabrina, Simona, Silvia, Antonella, Stefania, Manuela, Raffaella, Claudia,"
        " Francesca, Alessandra, Federica, Tiziana, Cinzia, Lorena, Elisabetta, Valeria,"
        " Michela, Nadia, Katia, Sonia, Donatella, Rossella, Marina, Anna, Maria, Emanuela,"
        " Lucia, Debora, Marzia, Mara, Morena, Luisa, Gloria, Annalisa, Ornella, Rita,"
        " Cristiana, Giovanna, Sara, Chiara, Elisa, Erika, Ilaria, Serena, Lara, Grazia,"
        " Mariangela, Samantha, Milena, Orietta, Beatrice, Carla, Catia, Daniela, Fiorella,"
        " Franca, Gabriella, Gianna, Ivana, Lia, Loretta, Miriam, Nicoletta, Rosaria"
    ),
    "young": _split(
        "Giulia, Sofia, Martina, Chiara, Sara, Alessia, Francesca, Federica, Elisa,"
        " Valentina, Alice, Aurora, Giorgia, Beatrice, Anna, Elena, Camilla, Greta, Noemi,"
        " Arianna, Ilaria, Silvia, Eleonora, Matilde, Emma, Gaia, Marta, Veronica, Jessica,"
        " Erica, Laura, Serena, Irene, Michela, Claudia, Nicole, Asia, Rebecca, Ginevra,"
        " Vittoria, Carlotta, Ludovica, Benedetta, Caterina, Margherita, Bianca, Agnese,"
        " Letizia, Roberta, Alessandra, Angelica, Cecilia, Debora, Denise, Diletta, Elisabetta,"
        " Erika, Fabiola, Lisa, Linda, Lucrezia, Maddalena, Miriam, Nadia, Viola"
    ),
}

EMILIAN_SURNAMES: tuple[str, ...] = _split(
    "Rossi, Bianchi, Ferrari, Bertolini, Guidotti, Tarozzi, Gamberini, Nanni, Monti,"
    " Fabbri, Zanetti, Mazzoni, Lambertini, Cavazza, Degli Esposti, Dall'Olio, Govoni,"
    " Marchi, Minelli, Bonetti, Giovannini, Stanzani, Tinti, Bortolotti, Franceschini,"
    " Bassi, Vignoli, Zucchini, Grandi, Baldi, Neri, Lolli, Lenzi, Galli, Vitali,"
    " Pasquali, Poli, Rinaldi, Rimondi, Serra, Brunetti, Bernardi, Benassi, Malaguti,"
    " Mazzanti, Marchesini, Nicoletti, Pedrini, Palmieri, Orsi, Sarti, Sabbioni, Zanotti,"
    " Zanardi, Zambelli, Venturi, Tosi, Tassinari, Roversi, Roncaglia, Sgarzi,"
    " Scagliarini, Querzè, Pancaldi, Nadalini, Mattioli, Martelli, Magli, Maccaferri,"
    " Lodi, Gualandi, Gnudi, Giusti, Fiorini, Ferri, Fantuzzi, Evangelisti, Draghetti,"
    " Cremonini, Cocchi, Cevenini, Castelli, Casoni, Capelli, Calzolari, Buriani,"
    " Bugamelli, Brini, Borghi, Bonora, Boschi, Bolognesi, Biagi, Bergonzoni, Benni,"
    " Bellei, Barbieri, Bacchi, Aldrovandi, Alvisi, Albertazzi, Amadori, Amadesi,"
    " Andreoli, Angelini, Baraldi, Bartolini, Bassini, Battistini, Belluzzi, Bettini,"
    " Bonfiglioli, Borsari, Bovina, Brighetti, Busi, Cappelli, Casadei, Casali, Cattani,"
    " Cenacchi, Cinti, Collina, Conti, Corticelli, Cuppini, Dalla Casa, Dalmonte, Donati,"
    " Facchini, Farnè, Fava, Fini, Fiorentini, Forni, Franchini, Frascaroli, Gaiani,"
    " Galletti, Gardini, Gherardi, Ghedini, Giacomelli, Gollini, Grilli, Guermandi,"
    " Guerra, Landi, Lanzarini, Lelli, Lipparini, Lucchi, Magnani, Malossi, Manservisi,"
    " Mantovani, Marani, Marzocchi, Masetti, Mattei, Medici, Menarini, Merighi,"
    " Minarini, Montanari, Morandi, Mori, Muratori, Nannetti, Negroni, Nerozzi, Nobili,"
    " Orlandi, Paganelli, Pagani, Pallotti, Panzacchi, Parmeggiani, Passerini,"
    " Pederzoli, Pellegrini, Piana, Piccinini, Pirazzoli, Pizzirani, Poggi, Pollastri,"
    " Prati, Predieri, Quadri, Raimondi, Ricci, Righi, Rizzi, Rocchi, Rubini, Ruggeri,"
    " Salomoni, Sandri, Santi, Sassi, Savigni, Scarani, Selva, Serrazanetti, Sgargi,"
    " Simoni, Sita, Sola, Soverini, Spisni, Stagni, Taddia, Testoni, Tonelli, Tommasini,"
    " Trebbi, Turrini, Ugolini, Vaccari, Valentini, Vandini, Venturoli, Vecchi, Veronesi,"
    " Villani, Zacchini, Zanasi, Zanichelli, Zanini, Zecchi, Zini, Zoboli, Zuffi,"
    " Accorsi, Agostini, Armaroli, Ballotta, Barbieri, Bellini, Beghelli, Bernagozzi,"
    " Bersani, Bignami, Bonazzi, Bondi, Bruni, Burzi, Campagnoli, Carboni, Cassanelli,"
    " Cavicchi, Chiarini, Comellini, Corazza, Dondi, Fabbri, Fantini, Fornasari, Fregni,"
    " Gallerani, Gandolfi, Gardenghi, Gasperini, Ghelli, Golinelli, Grazia, Guizzardi,"
    " Lamberti, Lanzoni, Longhi, Luppi, Manferrari, Marangoni, Mingarelli, Monari,"
    " Naldi, Nascetti, Nepoti, Ottani, Pasini, Pavani, Piazzi, Pinardi, Ragazzi,"
    " Rambaldi, Ropa, Rubbi, Sacchetti, Sarti, Sassatelli, Scandellari, Sermenghi,"
    " Tabellini, Tagliavini, Tampellini, Tedeschi, Todeschini, Vannini, Zagni"
)

SOUTHERN_SURNAMES: tuple[str, ...] = _split(
    "Esposito, Russo, Romano, Greco, Bruno, Gallo, Caruso, De Luca, Santoro, Marino,"
    " Rizzo, Lombardi, Ferraro, Costa, Mancini, Giordano, Coppola, Amato, Messina,"
    " Barone, Palumbo, Sorrentino, D'Angelo, La Rosa, Pugliese, Cirillo, Fiore, Longo,"
    " Leone, Martino, Vitale, Gentile, Di Stefano, De Rosa, Parisi, Serra, Marchese,"
    " Ruggiero, Cozzolino, Iannone, Lo Bianco, Napolitano, Perrone, Russo, Sciortino,"
    " Testa, Vitiello, Zappalà, Cannizzaro, Calabrò, Mazzeo, Orlando, Puglisi, Scuderi"
)

# ISO 3166 code -> (country name as the CF library spells it, Belfiore code, cities,
#                   male names, female names, surnames, female surnames or empty)
FOREIGN_ORIGINS: dict[
    str,
    tuple[
        str,
        str,
        tuple[str, ...],
        tuple[str, ...],
        tuple[str, ...],
        tuple[str, ...],
        tuple[str, ...],
    ],
] = {
    "RO": (
        "Romania",
        "Z129",
        ("București", "Iași", "Bacău", "Suceava", "Craiova"),
        _split("Ion, Andrei, Mihai, Alexandru, Florin, Gheorghe, Vasile, Constantin, Bogdan"),
        _split("Maria, Elena, Ioana, Mihaela, Andreea, Georgiana, Florentina, Daniela"),
        _split("Popescu, Ionescu, Popa, Stan, Dumitru, Constantin, Munteanu, Rusu, Lungu"),
        (),
    ),
    "MA": (
        "Marocco",
        "Z330",
        ("Casablanca", "Khouribga", "Beni Mellal", "Fès", "Rabat"),
        _split("Mohamed, Youssef, Said, Rachid, Abdelkader, Hassan, Mustapha, Khalid"),
        _split("Fatima, Khadija, Naima, Amina, Malika, Samira, Latifa, Aicha, Souad"),
        _split("El Amrani, Benali, El Idrissi, Bouzidi, Chaoui, El Fassi, Lahlou, Alaoui"),
        (),
    ),
    "AL": (
        "Albania",
        "Z100",
        ("Tirana", "Durazzo", "Valona", "Scutari", "Elbasan"),
        _split("Arben, Gentian, Ilir, Artan, Besnik, Edmond, Fatmir, Luan, Sokol"),
        _split("Anila, Elona, Mimoza, Valbona, Blerina, Ermira, Lindita, Arta, Drita"),
        _split("Hoxha, Shehu, Dervishi, Leka, Gjoka, Kola, Marku, Prifti, Basha"),
        (),
    ),
    "UA": (
        "Ucraina",
        "Z138",
        ("Kyiv", "Leopoli", "Ternopil", "Ivano-Frankivsk"),
        _split("Oleksandr, Andriy, Volodymyr, Serhiy, Mykola, Taras, Yuriy, Bohdan"),
        _split("Olena, Natalia, Oksana, Tetiana, Iryna, Svitlana, Halyna, Liudmyla"),
        _split("Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boyko"),
        (),
    ),
    "MD": (
        "Moldova",
        "Z140",
        ("Chișinău", "Bălți", "Orhei"),
        _split("Ion, Vasile, Victor, Sergiu, Nicolae, Igor"),
        _split("Ana, Tatiana, Natalia, Elena, Svetlana, Valentina"),
        _split("Rotari, Ceban, Rusu, Cojocaru, Lupu, Munteanu"),
        (),
    ),
    "PK": (
        "Pakistan",
        "Z236",
        ("Lahore", "Gujrat", "Sialkot"),
        _split("Muhammad, Ali, Imran, Asif, Tariq, Bilal"),
        _split("Ayesha, Fatima, Sana, Nadia, Saima, Rabia"),
        _split("Khan, Hussain, Ahmed, Iqbal, Malik, Butt"),
        (),
    ),
    "CN": (
        "Repubblica Popolare Cinese",
        "Z210",
        ("Wenzhou", "Qingtian", "Fuqing"),
        _split("Wei, Jian, Hao, Ming, Lei, Jun"),
        _split("Mei, Li, Xiaoyan, Hui, Yan, Jing"),
        _split("Hu, Zhou, Chen, Wang, Zhang, Lin"),
        (),
    ),
    "TN": (
        "Tunisia",
        "Z352",
        ("Tunisi", "Sfax", "Sousse"),
        _split("Mohamed, Ahmed, Karim, Slim, Nabil, Hichem"),
        _split("Amel, Sonia, Leila, Nadia, Rim, Ines"),
        _split("Ben Salah, Trabelsi, Gharbi, Jaziri, Hammami, Ben Ali"),
        (),
    ),
    "NG": (
        "Nigeria",
        "Z335",
        ("Lagos", "Benin City", "Enugu"),
        _split("Chinedu, Emeka, Oluwaseun, Tunde, Ifeanyi, Godwin"),
        _split("Blessing, Chioma, Ngozi, Faith, Joy, Precious"),
        _split("Okafor, Okonkwo, Adeyemi, Eze, Obi, Nwosu"),
        (),
    ),
    "PH": (
        "Filippine",
        "Z216",
        ("Manila", "Quezon City", "Batangas"),
        _split("Jose, Mark, Rodel, Jun, Ramon"),
        _split("Maricel, Rowena, Jocelyn, Marites, Analyn"),
        _split("Santos, Reyes, Cruz, Bautista, Garcia, Mendoza"),
        (),
    ),
    "SN": (
        "Senegal",
        "Z343",
        ("Dakar", "Thiès", "Touba"),
        _split("Mamadou, Cheikh, Ibrahima, Moussa, Abdoulaye"),
        _split("Fatou, Awa, Aminata, Mariama, Khady"),
        _split("Diop, Ndiaye, Fall, Sow, Sarr, Gueye"),
        (),
    ),
    "IN": (
        "India",
        "Z222",
        ("Jalandhar", "Ludhiana", "Amritsar"),
        _split("Gurpreet, Manpreet, Rajinder, Sukhwinder, Harpreet, Jaswinder"),
        _split("Manjit, Kulwinder, Jaspreet, Simranjeet, Harjit, Paramjit"),
        ("Singh",),
        ("Kaur",),
    ),
    "CH": (
        "Svizzera",
        "Z133",
        ("Zurigo", "Basilea", "Losanna"),
        MALE_NAMES["mid"][:20],
        FEMALE_NAMES["mid"][:20],
        EMILIAN_SURNAMES[:60],
        (),
    ),
    "DE": (
        "Germania",
        "Z112",
        ("Stoccarda", "Wolfsburg", "Colonia"),
        MALE_NAMES["mid"][:20],
        FEMALE_NAMES["mid"][:20],
        SOUTHERN_SURNAMES[:30],
        (),
    ),
}

# Share of each community among the foreign-born assistiti (roughly the Bologna mix).
FOREIGN_WEIGHTS: dict[str, int] = {
    "RO": 22,
    "MA": 16,
    "AL": 12,
    "UA": 10,
    "MD": 8,
    "PK": 6,
    "CN": 5,
    "TN": 5,
    "NG": 3,
    "PH": 4,
    "SN": 3,
    "IN": 3,
    "CH": 2,
    "DE": 1,
}

STREETS: tuple[str, ...] = _split(
    "Via Roma, Via Giuseppe Garibaldi, Via Cesare Battisti, Via della Repubblica,"
    " Via Nazionale, Via Porrettana, Via Guglielmo Marconi, Via Aldo Moro,"
    " Via Giuseppe Mazzini, Via Matteotti, Via IV Novembre, Via XXV Aprile,"
    " Via della Chiesa, Via del Mulino, Via Provinciale, Via Antonio Gramsci,"
    " Via Fornaci, Via Monte Sole, Via dei Caduti, Via Piero Gobetti, Via Pietro Nenni,"
    " Via Bologna, Via Torquato Tasso, Via Vittorio Veneto, Via San Rocco,"
    " Via del Lavoro, Via della Pace, Via Fratelli Cervi, Via Alessandro Volta,"
    " Via dei Castagni, Via Sant'Antonio, Piazza Capitani della Montagna,"
    " Via Giovanni Pascoli, Via Dante Alighieri, Via Enrico Berlinguer, Via dei Mille"
)
