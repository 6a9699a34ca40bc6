"""Word tables for the dev-set generator: name variants of listed names and non-listed names.

Plain data, kept apart from the generation logic so both read in one pass. The negative
tables are ordinary names of people and firms per locale (several scripts); none is taken
from a sanctions list, and the generator still drops any that happens to be listed.
"""

from __future__ import annotations

from dataclasses import dataclass


def _t(words: str) -> tuple[str, ...]:
    return tuple(words.split())


def _c(words: str) -> tuple[str, ...]:
    """Comma-separated, for entries that contain spaces."""
    return tuple(w.strip() for w in words.split(","))


# --- Variants of listed names -------------------------------------------------------------

# Spellings of one name that transliteration from Arabic, Russian, ... produces.
TRANSLIT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("MOHAMMED", "MUHAMMAD", "MOHAMED", "MOHAMMAD", "MOHAMAD", "MUHAMMED"),
    ("AHMED", "AHMAD"),
    ("YUSUF", "YOUSEF", "YOUSSEF", "YUSSUF", "YOUSIF"),
    ("HUSSEIN", "HUSSAIN", "HUSAYN", "HOSSEIN", "HUSEIN"),
    ("HASSAN", "HASAN"),
    ("OSAMA", "USAMA", "OUSSAMA"),
    ("OMAR", "UMAR"),
    ("USMAN", "OSMAN", "OTHMAN", "UTHMAN"),
    ("KHALID", "KHALED"),
    ("SAEED", "SAID", "SAYID"),
    ("MAHMOUD", "MAHMUD", "MAHMOOD"),
    ("MUSTAFA", "MOSTAFA", "MUSTAPHA"),
    ("IBRAHIM", "EBRAHIM", "IBRAHEEM"),
    ("ABDULLAH", "ABDALLAH", "ABDULLA"),
    ("SULEIMAN", "SULAYMAN", "SOLEIMAN", "SULAIMAN"),
    ("FAISAL", "FAYSAL", "FEISAL"),
    ("JAMAL", "GAMAL"),
    ("ABU", "ABOU"),
    ("QAIDA", "QAEDA"),
    ("ALEKSANDR", "ALEXANDER", "ALEKSANDER", "OLEKSANDR"),
    ("SERGEY", "SERGEI", "SERHIY"),
    ("ALEKSEY", "ALEXEY", "ALEKSEI", "ALEXEI"),
    ("DMITRY", "DMITRII", "DMITRIY", "DMITRI"),
    ("YURI", "YURIY", "IURII", "YURY"),
    ("EVGENY", "YEVGENY", "YEVGENIY", "EVGENIY", "EVGENII"),
    ("ANDREY", "ANDREI", "ANDRIY"),
    ("NIKOLAY", "NIKOLAI"),
    ("MIKHAIL", "MIKHAEL", "MICHAIL"),
    ("VALERY", "VALERIY", "VALERII"),
    ("GRIGORY", "GRIGORIY", "GRIGORII"),
    ("ANATOLY", "ANATOLIY", "ANATOLII"),
    ("VITALY", "VITALIY", "VITALII"),
    ("GENNADY", "GENNADIY", "GENNADII"),
    ("YELENA", "ELENA"),
    ("YEKATERINA", "EKATERINA"),
    ("TATYANA", "TATIANA"),
    ("NATALYA", "NATALIA"),
    ("PYOTR", "PETR", "PIOTR"),
    ("FYODOR", "FEDOR"),
    ("ARTYOM", "ARTEM"),
)

# Token endings that romanisation systems spell differently (Russian -iy/-y, -yev/-ev, ...).
TRANSLIT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("SKIY", "SKY"),
    ("SKIY", "SKI"),
    ("IY", "Y"),
    ("IY", "II"),
    ("YEVICH", "EVICH"),
    ("YEVNA", "EVNA"),
    ("YEVA", "EVA"),
    ("YEV", "EV"),
    ("OV", "OFF"),
)

# Arabic article and "servant of" forms: ABDUL RAHMAN / ABD AL RAHMAN / ABDEL RAHMAN.
ABD_FORMS: tuple[str, ...] = ("ABDUL", "ABD AL", "ABDEL", "ABD EL")

# Legal forms: every spelling in a group means the same thing.
LEGAL_FORM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("LLC", "L.L.C.", "LIMITED LIABILITY COMPANY", "OOO"),
    ("CO., LTD.", "CO. LTD", "COMPANY LIMITED", "CO LIMITED"),
    ("PTE. LTD.", "PTE LTD", "PRIVATE LIMITED"),
    ("PVT. LTD.", "PRIVATE LIMITED"),
    ("LTD", "LTD.", "LIMITED"),
    ("PJSC", "PUBLIC JOINT STOCK COMPANY", "PAO"),
    ("OJSC", "OPEN JOINT STOCK COMPANY", "OAO"),
    ("CJSC", "CLOSED JOINT STOCK COMPANY", "ZAO"),
    ("JSC", "JOINT STOCK COMPANY", "AO"),
    ("INC", "INC.", "INCORPORATED"),
    ("CORP", "CORP.", "CORPORATION"),
    ("S.A.", "SA", "SOCIEDAD ANONIMA"),
    ("GMBH", "G.M.B.H."),
    ("FZE", "FREE ZONE ESTABLISHMENT"),
    ("SDN BHD", "SDN. BHD."),
)
ADDED_LEGAL_FORMS: tuple[str, ...] = ("LLC", "LTD", "CO., LTD.", "JSC", "INC.", "LIMITED", "FZE")

# Tokens that are legal forms or honorifics, not part of a name (for the negative filter).
LEGAL_TOKENS: frozenset[str] = frozenset(
    _t(
        "llc l c ooo ltd limited co company pte pvt private inc incorporated corp corporation "
        "sa s a gmbh g m b h jsc pjsc ojsc cjsc ao oao zao pao joint stock public open closed "
        "fze fzco sdn bhd liability the of and trading group holding mr mrs ms dr prof sheikh "
        "haji mv mt m v t"
    )
)

NOISE_PERSON_PREFIX: tuple[str, ...] = ("Mr", "Mr.", "Mrs", "Ms.", "Dr", "Dr.", "Prof.", "c/o")
NOISE_ORG_PREFIX: tuple[str, ...] = ("The", "THE", "c/o", "C/O")
NOISE_ORG_SUFFIX: tuple[str, ...] = (
    "Group",
    "GROUP",
    "Trading",
    "TRADING",
    "Holding",
    "(Head Office)",
)
NOISE_VESSEL_PREFIX: tuple[str, ...] = ("MV", "M/V", "MT", "M/T", "c/o")

# Particles that writers join to the next word: AL QAIDA -> ALQAIDA, ABU BAKR -> ABUBAKR.
JOIN_PARTICLES: tuple[str, ...] = (
    "AL",
    "EL",
    "ABU",
    "ABD",
    "ABDUL",
    "ABDEL",
    "BIN",
    "IBN",
    "BEN",
    "UL",
    "UD",
    "UR",
    "VAN",
    "MAC",
    "MC",
    "DI",
    "DA",
    "LA",
    "LE",
    "DE",
    "DEL",
    "SAINT",
    "ST",
)

# Russian romanised name endings, to pick names worth writing back in Cyrillic.
RUSSIAN_ENDINGS: tuple[str, ...] = (
    "OV",
    "OVA",
    "EV",
    "EVA",
    "YEV",
    "YEVA",
    "SKIY",
    "SKY",
    "SKAYA",
    "ENKO",
    "VICH",
    "OVNA",
    "EVNA",
    "INA",
    "IN",
)

# Latin -> Cyrillic, longest match first (special cases for Y are in the generator).
LATIN_TO_CYRILLIC: tuple[tuple[str, str], ...] = (
    ("SHCH", "Щ"),
    ("ZH", "Ж"),
    ("KH", "Х"),
    ("TS", "Ц"),
    ("CH", "Ч"),
    ("SH", "Ш"),
    ("YU", "Ю"),
    ("YA", "Я"),
    ("YO", "Ё"),
    ("YE", "Е"),
    ("IA", "ИЯ"),
    ("A", "А"),
    ("B", "Б"),
    ("V", "В"),
    ("G", "Г"),
    ("D", "Д"),
    ("E", "Е"),
    ("Z", "З"),
    ("I", "И"),
    ("K", "К"),
    ("L", "Л"),
    ("M", "М"),
    ("N", "Н"),
    ("O", "О"),
    ("P", "П"),
    ("R", "Р"),
    ("S", "С"),
    ("T", "Т"),
    ("U", "У"),
    ("F", "Ф"),
    ("H", "Х"),
    ("C", "К"),
    ("W", "В"),
    ("X", "КС"),
    ("Q", "К"),
    ("J", "ДЖ"),
)
CYRILLIC_LEGAL_PHRASES: tuple[tuple[str, str], ...] = (
    (r"LIMITED[\s-]+LIABILITY[\s-]+COMPANY", "ООО"),
    (r"PUBLIC[\s-]+JOINT[\s-]+STOCK[\s-]+COMPANY", "ПАО"),
    (r"OPEN[\s-]+JOINT[\s-]+STOCK[\s-]+COMPANY", "ОАО"),
    (r"CLOSED[\s-]+JOINT[\s-]+STOCK[\s-]+COMPANY", "ЗАО"),
    (r"JOINT[\s-]+STOCK[\s-]+COMPANY", "АО"),
)
CYRILLIC_LEGAL_FORMS: dict[str, str] = {
    "LLC": "ООО",
    "OOO": "ООО",
    "JSC": "АО",
    "AO": "АО",
    "OJSC": "ОАО",
    "OAO": "ОАО",
    "CJSC": "ЗАО",
    "ZAO": "ЗАО",
    "PJSC": "ПАО",
    "PAO": "ПАО",
}

KEYBOARD_NEIGHBOURS: dict[str, str] = {
    "a": "qsz",
    "b": "vgn",
    "c": "xdv",
    "d": "sfe",
    "e": "wrd",
    "f": "dgr",
    "g": "fht",
    "h": "gjy",
    "i": "uok",
    "j": "hku",
    "k": "jli",
    "l": "kop",
    "m": "nj",
    "n": "bmh",
    "o": "ipl",
    "p": "ol",
    "q": "wa",
    "r": "etf",
    "s": "adw",
    "t": "rgy",
    "u": "yij",
    "v": "cbf",
    "w": "qes",
    "x": "zsc",
    "y": "tuh",
    "z": "xas",
}

# --- Non-listed names ---------------------------------------------------------------------


@dataclass(frozen=True)
class Locale:
    """Ordinary names of one locale and script; `family_first` for East Asian order."""

    code: str
    given: tuple[str, ...]
    family: tuple[str, ...]
    company_stems: tuple[str, ...]
    company_sectors: tuple[str, ...]
    legal_forms: tuple[str, ...]
    family_first: bool = False
    joiner: str = " "  # "" for Han and kana names


LOCALES: tuple[Locale, ...] = (
    Locale(
        "en",
        _t(
            "James Oliver Emily Charlotte Thomas Harry Sophie Grace Daniel Rebecca William Lucy "
            "Matthew Hannah Benjamin Chloe Samuel Eleanor Jack Amelia"
        ),
        _t(
            "Smith Johnson Thompson Whitaker Harrison Fletcher Cartwright Bennett Holloway "
            "Pemberton Ashworth Greenwood Blackwell Kingsley Prescott Sutherland Marlow "
            "Hargreaves Thornton Wainwright"
        ),
        _t(
            "Riverside Oakfield Kingsbridge Northgate Brightwater Harbourview Westbrook Ashford "
            "Meadowlands Stonebridge Crestwood Fairhaven"
        ),
        _c(
            "Logistics, Engineering, Foods, Software, Packaging, Consulting, Pharmaceuticals, "
            "Building Supplies, Medical Devices, Garden Centres"
        ),
        _c("Ltd, Limited, PLC, LLP, Inc., LLC"),
    ),
    Locale(
        "de",
        _t(
            "Lukas Felix Jonas Leonie Hannah Maximilian Sophie Katharina Tobias Johannes Anna "
            "Friederike Matthias Sabine Jürgen Ulrike Wolfgang Henrike Dieter Annegret"
        ),
        _t(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
            "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarzkopf Zimmermann"
        ),
        _t(
            "Rheinland Nordstern Alpenblick Bergmann Hansa Elbtal Schwarzwald Isar Brandt "
            "Lindenhof Falkenstein Sonnenhof"
        ),
        _c(
            "Maschinenbau, Logistik, Elektrotechnik, Baustoffe, Feinmechanik, Lebensmittel, "
            "Verpackung, Medizintechnik, Spedition, Holzbau"
        ),
        _c("GmbH, AG, GmbH & Co. KG, KG, e.K."),
    ),
    Locale(
        "fr",
        _t(
            "Jean Pierre Marie Camille Louis Juliette Antoine Chloé Étienne Margaux Nicolas "
            "Élodie Mathieu Amélie Théo Capucine François Hélène Baptiste Inès"
        ),
        _t(
            "Martin Bernard Dubois Durand Lefèvre Moreau Laurent Girard Bonnet Dupont Lambert "
            "Fontaine Rousseau Vincent Muller Lefebvre Mercier Blanchard Chevalier Gauthier"
        ),
        _t(
            "Lumière Provence Atlantique Bellevue Montclair Vallée Beaulieu Rivoli Grandpré "
            "Clairefontaine Champlain Sologne"
        ),
        _c(
            "Transports, Industries, Boulangerie, Conseil, Bâtiment, Électricité, "
            "Distribution, Cosmétiques, Imprimerie, Ingénierie"
        ),
        _c("SARL, SAS, S.A., SASU, EURL"),
    ),
    Locale(
        "es",
        _t(
            "José Lucía Carlos María Javier Carmen Alejandro Sofía Miguel Paula Andrés Valentina "
            "Diego Isabel Fernando Daniela Raúl Marta Sergio Elena"
        ),
        _t(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Díaz "
            "Moreno Muñoz Álvarez Romero Navarro Torres Domínguez Vázquez Ramos Gil"
        ),
        _t(
            "Iberia Levante Castilla Mediterráneo Sierra Alameda Cantábrico Guadalquivir "
            "Montaña Solana Horizonte Aurora"
        ),
        _c(
            "Construcciones, Alimentación, Transportes, Inversiones, Distribuciones, "
            "Ingeniería, Servicios Agrícolas, Textiles, Farmacéutica, Logística"
        ),
        _c("S.L., S.A., S.L.U., S.A. de C.V., Ltda."),
    ),
    Locale(
        "it",
        _t(
            "Giuseppe Giulia Marco Francesca Alessandro Chiara Lorenzo Martina Matteo Federica "
            "Andrea Valentina Davide Elisa Riccardo Alessia Stefano Silvia Luca Beatrice"
        ),
        _t(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
            "Gallo Conti De Luca Mancini Costa Giordano Rizzo Lombardi Moretti"
        ),
        _t(
            "Adriatica Tirrena Padana Dolomiti Vesuvio Aurora Stella Toscana Lario Brenta "
            "Serenissima Sole"
        ),
        _c(
            "Costruzioni, Meccanica, Alimentari, Trasporti, Tessile, Arredamenti, Impianti, "
            "Ceramiche, Vini, Elettronica"
        ),
        _c("S.r.l., S.p.A., S.a.s., S.n.c."),
    ),
    Locale(
        "pt",
        _t(
            "João Ana Pedro Beatriz Tiago Mariana Rafael Inês Gonçalo Carolina Lucas Gabriela "
            "Rodrigo Larissa Miguel Fernanda Bruno Juliana Thiago Letícia"
        ),
        _t(
            "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes "
            "Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Carvalho Teixeira Moreira"
        ),
        _t(
            "Atlântico Lusitana Tejo Douro Minho Cerrado Amazônia Paulista Guanabara Alvorada "
            "Horizonte Serrana"
        ),
        _c(
            "Construções, Transportes, Alimentos, Comércio, Engenharia, Têxteis, Agropecuária, "
            "Metalúrgica, Tecnologia, Serviços"
        ),
        _c("Lda., S.A., Ltda., ME, EIRELI"),
    ),
    Locale(
        "pl",
        _t(
            "Jakub Zofia Kacper Julia Szymon Maja Filip Aleksandra Wojciech Natalia Mateusz "
            "Katarzyna Bartosz Agnieszka Krzysztof Magdalena Paweł Joanna Tomasz Małgorzata"
        ),
        _t(
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
            "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk "
            "Piotrowski Grabowski Pawłowski Michalski"
        ),
        _t("Wisła Mazowsze Pomorze Tatry Bałtyk Karpaty Warta Orzeł Podlasie Śląsk Mazury Polana"),
        _c(
            "Budownictwo, Transport, Meble, Elektronika, Spedycja, Handel, Przetwórstwo, "
            "Usługi Informatyczne, Metalurgia, Ogrodnictwo"
        ),
        _c("Sp. z o.o., S.A., Sp.j., Sp.k."),
    ),
    Locale(
        "tr",
        _t(
            "Mehmet Ayşe Mustafa Fatma Emre Zeynep Burak Elif Oğuz Merve Can Selin Hakan Ebru "
            "Kerem Derya Serkan Gizem Tolga Büşra"
        ),
        _t(
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
            "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek"
        ),
        _t(
            "Anadolu Boğaziçi Karadeniz Ege Toros Marmara Kapadokya Akdeniz Ergene Uludağ "
            "Yeşilırmak Kızılırmak"
        ),
        _c("İnşaat, Tekstil, Gıda, Lojistik, Otomotiv, Makina, Mobilya, Enerji, Tarım, Turizm"),
        _c("A.Ş., Ltd. Şti., San. ve Tic. A.Ş., San. Tic. Ltd. Şti."),
    ),
    Locale(
        "ar_latn",
        _t(
            "Karim Layla Tariq Nour Samir Rania Walid Huda Nabil Amira Ziad Salma Bassam Dalia "
            "Fadi Mona Rami Yasmin Hisham Reem"
        ),
        _c(
            "Al-Masri, Haddad, Khoury, Nasser, Saleh, Barakat, Al-Khatib, Mansour, Sabbagh, "
            "Al-Tamimi, Qasim, Shami, Halabi, Zaidan, Al-Farsi, Bitar, Jaber, Awad, Darwish, "
            "Azzam"
        ),
        _t("Zahrat Nakheel Wadi Sahara Rimal Lulu Jazira Bustan Nujoom Sanabel Yasmeen Qamar"),
        _c(
            "General Trading, Contracting, Foodstuff Trading, Building Materials, Real Estate, "
            "Auto Spare Parts, Textiles, Electrical Works"
        ),
        _c("LLC, L.L.C., FZE, FZCO, W.L.L., Est."),
    ),
    Locale(
        "ar_arab",
        _t("كريم ليلى طارق نور سمير رانيا وليد هدى نبيل أميرة زياد سلمى بسام داليا فادي منى"),
        _t("المصري حداد خوري ناصر صالح بركات الخطيب منصور الصباغ التميمي الشامي الحلبي زيدان"),
        _t("الريان الواحة الصحراء الرمال اللؤلؤ الجزيرة البستان النجوم السنابل الياسمين"),
        _c("للتجارة العامة, للمقاولات, للمواد الغذائية, لمواد البناء, للعقارات"),
        _c("ذ.م.م, ش.م.م, المحدودة"),
    ),
    Locale(
        "fa_latn",
        _t(
            "Reza Maryam Amir Zahra Arash Shirin Babak Niloufar Dariush Parisa Kourosh Leila "
            "Farhad Roya Kaveh Sara Payam Mahsa Behnam Golnaz"
        ),
        _t(
            "Rahimi Mohammadi Hosseini Karimi Moradi Jafari Ahmadi Rostami Sadeghi Shirazi "
            "Tehrani Kazemi Najafi Ebrahimi Ghorbani Salehi Farahani Bagheri Abbasi Zand"
        ),
        _t("Parsian Arya Kavir Alborz Sepid Setareh Golestan Mehrgan Pars Navid Roshan Khazar"),
        _c("Sanat, Tejarat, Sakhteman, Pakhsh, Kesht va Sanat, Bazargani, Tolid"),
        _c("Co., Co. Ltd., Private Joint Stock Company, LLP"),
    ),
    Locale(
        "fa_arab",
        _t("رضا مریم امیر زهرا آرش شیرین بابک نیلوفر داریوش پریسا کوروش لیلا فرهاد رویا"),
        _t("رحیمی محمدی حسینی کریمی مرادی جعفری احمدی رستمی صادقی شیرازی تهرانی کاظمی"),
        _t("پارسیان آریا کویر البرز سپید ستاره گلستان مهرگان پارس نوید"),
        _c("صنعت, تجارت, ساختمان, پخش, بازرگانی"),
        _c("سهامی خاص, با مسئولیت محدود, شرکت"),
    ),
    Locale(
        "ru_latn",
        _t(
            "Mikhail Anna Sergey Olga Pavel Irina Konstantin Svetlana Roman Yulia Maksim "
            "Vera Stanislav Ksenia Timur Polina Yaroslav Darya Gleb Alina"
        ),
        _t(
            "Kuznetsov Smirnova Popov Sokolova Lebedev Kozlova Novikov Morozova Volkov "
            "Solovyova Vasilyev Zaytseva Pavlov Semenova Golubev Vinogradova Bogdanov "
            "Vorobyova Fedorov Mikhaylova"
        ),
        _t("Sever Vostok Yug Zarya Rassvet Sibir Volga Ural Baikal Neva Altai Kama"),
        _c("Stroy, Trans, Agro, Promtekh, Servis, Energo, Torg, Les, Avto, Mebel"),
        _c("OOO, LLC, JSC, AO, IP"),
    ),
    Locale(
        "ru_cyrl",
        _t(
            "Михаил Анна Сергей Ольга Павел Ирина Константин Светлана Роман Юлия Максим Вера "
            "Станислав Ксения Тимур Полина Ярослав Дарья Глеб Алина"
        ),
        _t(
            "Кузнецов Смирнова Попов Соколова Лебедев Козлова Новиков Морозова Волков "
            "Соловьёва Васильев Зайцева Павлов Семёнова Голубев Виноградова Богданов Воробьёва"
        ),
        _t("Север Восток Юг Заря Рассвет Сибирь Волга Урал Байкал Нева Алтай Кама"),
        _c("Строй, Транс, Агро, Промтех, Сервис, Энерго, Торг, Лес, Авто, Мебель"),
        _c("ООО, АО, ИП, ПАО"),
    ),
    Locale(
        "zh_latn",
        _t("Wei Fang Jing Lei Min Jun Yan Hui Tao Ling Qiang Xiu Chen Hong Bo Yun Peng Li Xin Hao"),
        _t("Wang Zhang Liu Chen Yang Huang Zhao Zhou Wu Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng"),
        _t(
            "Huaxin Jinlong Hengtai Xinda Tianhe Dongfang Hongyuan Fuxing Changjiang Baosheng "
            "Zhongyi Ruifeng"
        ),
        _c(
            "Technology, Trading, Electronics, Textile, Machinery, Chemical, Logistics, "
            "Import and Export, Garment, Furniture"
        ),
        _c("Co., Ltd., Co. Ltd, Group Co., Ltd., Limited"),
        family_first=True,
    ),
    Locale(
        "zh_hans",
        _t("伟 芳 静 磊 敏 军 燕 辉 涛 玲 强 秀英 晨 红 波 云 鹏 丽 欣 浩"),
        _t("王 张 刘 陈 杨 黄 赵 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 郑"),
        _t("华信 金龙 恒泰 信达 天和 东方 宏远 复兴 长江 宝盛 中意 瑞丰"),
        _c("科技, 贸易, 电子, 纺织, 机械, 化工, 物流, 进出口, 服装, 家具"),
        _c("有限公司, 股份有限公司, 集团有限公司"),
        family_first=True,
        joiner="",
    ),
    Locale(
        "ja_latn",
        _t(
            "Haruto Yui Sota Hina Yuto Sakura Riku Aoi Kaito Mei Takumi Rin Kenta Yuna Daiki "
            "Misaki Shota Ayaka Naoki Emi"
        ),
        _t(
            "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
            "Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori"
        ),
        _t(
            "Fujimi Sakurada Kitagawa Asahi Hoshino Minato Aozora Midori Hikari Shirakawa "
            "Tsubasa Kawasaki"
        ),
        _c("Seisakusho, Shoji, Denki, Kogyo, Kensetsu, Unyu, Shokuhin, Seiko"),
        _c("Co., Ltd., K.K., Kabushiki Kaisha, G.K."),
        family_first=True,
    ),
    Locale(
        "ja_jpan",
        _t("陽翔 結衣 蒼太 陽菜 悠斗 さくら 陸 葵 海斗 芽依 拓海 凛 健太 優奈 大輝 美咲"),
        _t("佐藤 鈴木 高橋 田中 渡辺 伊藤 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上"),
        _t("富士見 桜田 北川 旭 星野 港 青空 緑 光 白川 翼 川崎"),
        _c("製作所, 商事, 電機, 工業, 建設, 運輸, 食品, 精工"),
        _c("株式会社, 有限会社, 合同会社"),
        family_first=True,
        joiner="",
    ),
    Locale(
        "ko_latn",
        _t(
            "Minjun Seoyeon Jiho Haeun Doyun Jiwoo Seojun Sua Yejun Jimin Hyunwoo Eunji "
            "Junho Yuna Sungmin Dahye Taeyang Soyeon Jaehyun Hayoung"
        ),
        _c(
            "Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Oh, Seo, Shin, Kwon, "
            "Hwang, Ahn, Song, Jeon, Hong"
        ),
        _t("Hanbit Saerom Daehan Mirae Hanul Nuri Saebyeok Areum Pureun Gwangmyeong Dasom Haneul"),
        _c(
            "Electronics, Precision, Industrial, Construction, Logistics, Chemical, Foods, "
            "Semiconductor Parts, Shipping, Textile"
        ),
        _c("Co., Ltd., Corp., Inc."),
        family_first=True,
    ),
    Locale(
        "ko_hang",
        _t("민준 서연 지호 하은 도윤 지우 서준 수아 예준 지민 현우 은지 준호 유나 성민 다혜"),
        _t("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황"),
        _t("한빛 새롬 대한 미래 하늘 누리 새벽 아름 푸른 광명 다솜"),
        _c("전자, 정밀, 산업, 건설, 물류, 화학, 식품, 해운"),
        _c("주식회사, (주), 유한회사"),
        family_first=True,
        joiner="",
    ),
    Locale(
        "in",
        _t(
            "Aarav Priya Rohan Ananya Vikram Kavya Arjun Sneha Rahul Pooja Siddharth Meera "
            "Karthik Divya Aditya Lakshmi Sanjay Neha Manoj Shreya"
        ),
        _t(
            "Sharma Verma Iyer Nair Reddy Patel Gupta Mehta Agarwal Banerjee Chatterjee "
            "Menon Pillai Joshi Kulkarni Deshpande Rao Malhotra Kapoor Srinivasan"
        ),
        _t(
            "Shree Ganesh Lakshmi Ganga Sagar Surya Kaveri Navbharat Shakti Vishwa Pragati Sahyadri"
        ),
        _c(
            "Textiles, Pharma, Engineering Works, Agro Industries, Exports, Infotech, "
            "Polymers, Steel Traders, Auto Components, Spices"
        ),
        _c("Pvt. Ltd., Private Limited, Ltd., LLP"),
    ),
    Locale(
        "vi",
        _t(
            "Anh Bảo Châu Dũng Giang Hà Hải Hạnh Hùng Hương Khánh Lan Linh Long Mai Minh Ngọc "
            "Phương Quân Thảo"
        ),
        _t("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"),
        _t("Hưng Thịnh Phú Gia Thành Công Hòa Bình Tân Phát Việt Á Sao Mai Đại Dương"),
        _c("Xây Dựng, Thương Mại, Dệt May, Thực Phẩm, Vận Tải, Điện Tử, Nông Sản, Thủy Sản"),
        _c("Công ty TNHH, Công ty Cổ phần, JSC, Co., Ltd."),
        family_first=True,
    ),
    Locale(
        "ng",
        _t(
            "Chinedu Ngozi Oluwaseun Aisha Emeka Folake Babatunde Chiamaka Ifeanyi Yetunde "
            "Tunde Amaka Segun Funmilayo Obinna Halima Kelechi Bisola Uche Zainab"
        ),
        _t(
            "Okafor Adeyemi Okonkwo Balogun Eze Ogunleye Nwosu Adebayo Chukwu Olawale Ibekwe "
            "Afolabi Nnamdi Okoro Adewale Onyeka Bakare Obi Uzor Ajayi"
        ),
        _t(
            "Zenith Unity Greenfield Lagoon Crown Royal Heritage Goldcrest Sunshine Evergreen "
            "Harvest Pinnacle"
        ),
        _c(
            "Ventures, Agro Allied, Oil and Gas Services, Nigeria Enterprises, Construction, "
            "Logistics, Farms, Petroleum Products"
        ),
        _c("Ltd, Limited, Nig. Ltd, Enterprises"),
    ),
)

# Vessel names are short, generic and often reused, so negatives pair two unusual words.
VESSEL_WORDS_A: tuple[str, ...] = _t(
    "NORDIC BALTIC CELTIC ARCTIC AZURE CORAL AMBER JADE COBALT CRIMSON SILVER GOLDEN "
    "VALIANT BRAVE GENTLE SWIFT QUIET NOBLE PROUD LUCKY HAPPY MERRY CAPE FJORD"
)
VESSEL_WORDS_B: tuple[str, ...] = _t(
    "HERON PELICAN ALBATROSS KESTREL OSPREY PUFFIN CORMORANT WILLOW JUNIPER MAGNOLIA "
    "LAVENDER BRAMBLE THISTLE HARMONY MELODY SONATA ODYSSEY VOYAGER PIONEER MARINER "
    "NAVIGATOR COMPASS BEACON LANTERN"
)

# Hard negatives: names that share a frequent token with listed names.
COMMON_LISTED_GIVEN: tuple[str, ...] = _c(
    "MOHAMMED, MUHAMMAD, MOHAMMAD, ALI, AHMED, AHMAD, HASSAN, HUSSEIN, OMAR, KHALID, IBRAHIM, "
    "ABDUL, ABDULLAH, YUSUF, MAHMOUD, MUSTAFA, ALEXANDER, ALEKSANDR, SERGEY, VLADIMIR, DMITRY, "
    "ANDREY, IGOR, IVAN, NIKOLAY, YURI, JOSE, JUAN, KIM, LI"
)
HARD_SURNAMES: tuple[str, ...] = _c(
    "Whitaker, Pemberton, Hargreaves, Schwarzkopf, Zimmermann, Lefebvre, Fontaine, Navarro, "
    "Moretti, Gonçalves, Kwiatkowski, Özdemir, Yıldırım, Kulkarni, Deshpande, Srinivasan, "
    "Adeyemi, Okonkwo, Balogun, Nakamura, Yamaguchi, Hoang, Bitar, Sabbagh, Darwish, Farahani, "
    "Ghorbani, Vinogradov, Golubev, Vorobyov, Bogdanov, Lindqvist, Johansson, Kowalczyk, "
    "O'Sullivan, MacPherson, Castellanos, Van der Berg, Rasmussen, Haddad, Khoury, Azzam, "
    "Shirazi, Tehrani, Zand, Okafor, Nwosu, Sharma, Malhotra, Iyer"
)
HARD_COMPANY_WORDS: tuple[str, ...] = _t(
    "Sunrise Bluewater Evergreen Nova Orion Meridian Horizon Pinnacle Summit Harbor Crescent "
    "Cedar Maple Falcon Phoenix Sapphire Emerald Topaz Granite Willow Aspen Sequoia Coastal "
    "Riverstone Lakeside Brightpath Clearview Northwind Silverline Goldleaf Redwood Bluebell "
    "Starlight Moonstone Keystone Cornerstone Lighthouse Trident Zephyr Aurora Polaris Vega "
    "Altair Sirius Lyra Atlas Titan Helios"
)
HARD_TRADING_PATTERNS: tuple[str, ...] = _c(
    "{w} TRADING LLC, {w} GENERAL TRADING FZE, {w} Trading Co., Ltd., {w} Import Export LLC, "
    "{w} International Trading Limited, {w} TRADING LTD, {w} Shipping and Trading LLC"
)
HARD_AL_WORDS: tuple[str, ...] = _c(
    "Wafra, Zahabiya, Rawabi, Masarat, Dana, Bayan, Sidra, Waha, Rayyan, Safwa, Yasmeen, "
    "Sultana, Fajr, Manar, Murjan, Lulu, Qamar, Nakheel, Jazeera, Shorouk, Andalus, Marwa, "
    "Reem, Khaleej, Sahel, Hadaf, Ittihad, Tamayuz, Riyada, Ibtikar, Nakhla, Thuraya, Zumurrud, "
    "Mawared, Injaz, Tamkeen, Wisam, Dhahabi, Bashayer, Tawfiq, Mithaq, Hikma, Rabie, Zaitoun, "
    "Sanabel, Ghadeer, Buraq, Ramla, Khuzama, Jouri"
)
HARD_AL_PATTERNS: tuple[str, ...] = _c(
    "AL {w}, AL-{w} TRADING, Al {w} General Trading LLC, AL {w} CONTRACTING, "
    "AL {w} FOODSTUFF, El {w} Company, AL {w} REAL ESTATE"
)
SWAP_WORDS: tuple[str, ...] = HARD_COMPANY_WORDS + _t(
    "Magnolia Juniper Bramble Thistle Lantern Compass Beacon Harmony Cascade Prairie "
    "Tundra Savanna Lagoon Delta Quartz Cobalt Amber Ivory Onyx Coral"
)
