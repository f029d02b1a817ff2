"""Names and places the simulated population draws from, with their Latin spellings.

Written by hand for the simulator (independently of `recount.names`, which is
measured against these data). Each entry is `arabic|latin base|other spellings|weight`.
Weights are relative frequencies among victims, heavy-tailed as in real lists
(محمد alone is about one male given name in six; the ten commonest names are
about 40%).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MALE_GIVEN = """
محمد|Mohammad|Muhammad,Mohamed,Mohammed,Muhamad,Mouhammad,Mohamad,Muhammed,Mhd|135
أحمد|Ahmad|Ahmed,Ahmet,Ahmmad|55
علي|Ali|Aly,Alee|30
محمود|Mahmoud|Mahmud,Mahmood,Mahmod|30
عبد الله|Abdullah|Abd Allah,Abdallah,Abdulla,Abdalla,Abdellah|22
خالد|Khaled|Khalid,Khaleed,Haled|20
عمر|Omar|Umar,Omer|19
حسن|Hasan|Hassan,Hasen|18
عبد الرحمن|Abdul Rahman|Abd al-Rahman,Abdulrahman,Abdel Rahman,Abdelrahman,Abd Alrahman,Abd ar-Rahman,Abdul-Rahman|16
إبراهيم|Ibrahim|Ebrahim,Brahim,Ibraheem,Ibrahem|15
حسين|Hussein|Husayn,Hussain,Husein,Hossein,Houssein,Husain|14
يوسف|Youssef|Yusuf,Yousef,Yousif,Youcef,Yosef,Yousuf|13
مصطفى|Mustafa|Moustafa,Mostafa,Mustapha,Mustafah|12
عبد الكريم|Abdul Karim|Abd al-Karim,Abdulkarim,Abdel Karim,Abdelkarim,Abdul Kareem|9
عبد القادر|Abdul Qader|Abd al-Qadir,Abdulkader,Abdel Kader,Abdulqader,Abdelkader,Abdul Kader|9
سعيد|Said|Saeed,Saaid,Sa'id,Saied|8
حمزة|Hamza|Hamzah,Hamzeh,Hamzé|8
ياسر|Yasser|Yaser,Yasir|7
وليد|Walid|Waleed,Oualid,Walied|7
جمال|Jamal|Gamal,Djamal,Jamaal|6
عبد الرزاق|Abdul Razzaq|Abd al-Razzaq,Abdulrazzak,Abdel Razek,Abdulrazaq,Abd ar-Razzaq|6
عبد العزيز|Abdul Aziz|Abd al-Aziz,Abdulaziz,Abdel Aziz,Abdelaziz|6
إسماعيل|Ismail|Ismael,Esmail,Ismaeel,Isma'il|6
أسامة|Osama|Usama,Oussama,Osamah,Usamah,Ossama|6
عبد الحميد|Abdul Hamid|Abd al-Hamid,Abdulhamid,Abdel Hamid,Abdelhamid,Abdul Hameed|5
فادي|Fadi|Fady,Fadie|5
ماهر|Maher|Mahir,Maaher|5
سامر|Samer|Sammer,Samr|5
بسام|Bassam|Basam,Bessam|5
عماد|Imad|Emad,Imaad|5
قاسم|Qasim|Kassem,Qassem,Kasem,Gasem,Qassim|5
طارق|Tarek|Tariq,Tareq,Tarik|5
أيمن|Ayman|Aiman,Eyman,Aymen|5
معاذ|Moaz|Muath,Muadh,Mouaz,Moath,Mu'adh|4
زياد|Ziad|Ziyad,Zyad,Ziyaad|4
رياض|Riad|Riyad,Riyadh,Riyaad|4
سليمان|Suleiman|Sulayman,Soliman,Sleiman,Souleiman|4
موسى|Mousa|Musa,Moussa,Mosa|4
عيسى|Issa|Eisa,Isa,Aissa|4
يحيى|Yahya|Yehia,Yahia,Yehya|4
عبد الناصر|Abdul Nasser|Abd al-Nasser,Abdulnasser,Abdel Nasser,Abd an-Nasir|4
عبد السلام|Abdul Salam|Abd al-Salam,Abdulsalam,Abdel Salam,Abdessalam,Abd as-Salam|4
عبد اللطيف|Abdul Latif|Abd al-Latif,Abdullatif,Abdel Latif,Abdellatif|4
عبد الباسط|Abdul Basit|Abd al-Basit,Abdulbasit,Abdel Basset,Abdelbaset|3
عبد المجيد|Abdul Majid|Abd al-Majid,Abdulmajid,Abdel Majid,Abdelmajid,Abdul Majeed|3
عبد الغني|Abdul Ghani|Abd al-Ghani,Abdulghani,Abdel Ghani,Abdelghani|3
عبد الجبار|Abdul Jabbar|Abd al-Jabbar,Abduljabbar,Abdel Jabbar|3
عبد الفتاح|Abdul Fattah|Abd al-Fattah,Abdulfattah,Abdel Fattah,Abdelfattah|3
عبد الحكيم|Abdul Hakim|Abd al-Hakim,Abdulhakim,Abdel Hakim,Abdelhakim|3
عبد الوهاب|Abdul Wahab|Abd al-Wahhab,Abdulwahab,Abdel Wahab,Abdelwahab|3
عبد المنعم|Abdul Munim|Abd al-Moneim,Abdulmonem,Abdel Moneim|2
عبد الهادي|Abdul Hadi|Abd al-Hadi,Abdulhadi,Abdel Hadi|2
عبد الإله|Abdul Ilah|Abd al-Ilah,Abdulelah,Abdel Ilah,Abdulilah|2
نور الدين|Nour al-Din|Nour Eddine,Nureddin,Nour al Din,Noureddine,Nuraldin|3
صلاح الدين|Salah al-Din|Salah Eddine,Salahuddin,Salaheddine,Salah al Din|2
علاء الدين|Alaa al-Din|Alaa Eddine,Alaaeddin,Alaa al Din,Aladdin|2
عز الدين|Ezz al-Din|Ezzeddine,Izz al-Din,Ezz Eddine,Izzeddin|2
محي الدين|Mohieddin|Muhyi al-Din,Mohi Eddin,Mohyeddine,Muhieddin|2
عثمان|Othman|Uthman,Osman,Otman|4
بكر|Bakr|Baker,Bakir,Bakkar|3
فيصل|Faisal|Faysal,Fayssal,Faycal|3
عادل|Adel|Adil,Aadel|4
ناصر|Nasser|Naser,Nasir,Nasr|4
منير|Mounir|Munir,Monir,Mouneer|3
جهاد|Jihad|Jehad,Djihad|3
بلال|Bilal|Belal,Bilaal|4
حسام|Hussam|Housam,Hosam,Husam|4
هشام|Hisham|Hicham,Hesham,Hishaam|3
عصام|Issam|Essam,Isam,Issame|3
وائل|Wael|Wa'il,Wail,Wael|3
رائد|Raed|Ra'ed,Raid,Raeed|3
عدنان|Adnan|Adnane,Adnaan|3
مروان|Marwan|Merwan,Marouane|3
غسان|Ghassan|Ghasan,Ghassane|3
شادي|Shadi|Chadi,Shady,Chady|3
صلاح|Salah|Salaah,Slah|3
منذر|Munther|Monzer,Mundhir,Monther,Munzer|2
نزار|Nizar|Nezar,Nizzar|3
حازم|Hazem|Hazim,Haazem|3
مأمون|Mamoun|Ma'mun,Mamun,Maamoun|2
عمار|Ammar|Amar,Ammaar|4
ياسين|Yassin|Yasin,Yaseen,Yacine|3
أمين|Amin|Ameen,Amine|3
حامد|Hamed|Hamid,Haamed|3
أكرم|Akram|Akrem|2
أيهم|Ayham|Aiham,Aihem|2
جميل|Jamil|Jameel,Djamil,Gamil|3
خليل|Khalil|Khaleel,Halil,Khalel|3
رشيد|Rashid|Rachid,Rasheed,Rashed|2
سلمان|Salman|Selman,Salmane|2
شريف|Sharif|Cherif,Shareef|2
صبحي|Subhi|Sobhi,Sobhy,Subhy|2
عامر|Amer|Aamer,Aamir|3
علاء|Alaa|Ala'a,Ala,Alaa'|3
فؤاد|Fouad|Fuad,Fouaad,Fu'ad|2
فايز|Fayez|Faiz,Fayiz|2
فهد|Fahd|Fahad,Fahed|2
قصي|Qusai|Qusay,Kusai,Qussay,Qusei|2
كنان|Kinan|Kenan,Kinaan|2
لؤي|Louay|Luay,Loay,Lu'ay|2
مجد|Majd|Mejd,Magd|2
مهند|Muhannad|Mohannad,Mouhanad,Muhanad|3
نادر|Nader|Nadir,Naader|2
نضال|Nidal|Nedal,Nidhal|2
هاني|Hani|Hany,Haani|2
وسيم|Wassim|Wasim,Waseem|2
يزن|Yazan|Yazen|2
يامن|Yamen|Yamin,Yaamen|2
تامر|Tamer|Tamir|2
توفيق|Tawfiq|Tawfik,Toufic,Toufik,Tawfeeq|2
ثائر|Thaer|Thair,Tha'er,Thayer|2
جابر|Jaber|Jabir,Gaber|2
حمود|Hamoud|Hammoud,Hamud|2
خضر|Khoder|Khidr,Khodr,Khader|2
دياب|Diab|Dhiab,Deyab,Diyab|2
سامي|Sami|Samy,Saami|2
سعد|Saad|Sa'd,Saed|2
شعبان|Shaaban|Sha'ban,Chaabane,Shaban|2
صفوان|Safwan|Safouan,Safwaan|2
طه|Taha|Tahaa|2
عاطف|Atef|Atif|2
عبيدة|Obaida|Ubaida,Oubaida,Obaidah,Ubaydah|2
عزام|Azzam|Azam|2
عمران|Omran|Imran,Umran|2
غازي|Ghazi|Ghazy,Ghazey|2
قتيبة|Qutaiba|Kutaiba,Qotaiba,Qutaybah|2
كريم|Karim|Kareem,Kerim|2
مصعب|Musab|Mosab,Mus'ab,Moussab|2
معتز|Moataz|Mutaz,Motaz,Mu'taz|2
منصور|Mansour|Mansur,Mansoor|2
نايف|Nayef|Naif,Nayif|2
هادي|Hadi|Hady|2
همام|Humam|Hammam,Homam|2
يونس|Younes|Yunus,Younis,Younus|2
رضوان|Radwan|Redwan,Ridwan,Rudwan|2
باسل|Basel|Basil,Bassel|2
ماجد|Majed|Majid,Maged|2
مازن|Mazen|Mazin,Maazen|2
نبيل|Nabil|Nabeel,Nabiel|2
هيثم|Haitham|Haytham,Heitham,Haisam|2
أنس|Anas|Anass,Enes|3
فراس|Firas|Feras,Ferass|2
صالح|Saleh|Salih,Saleh|3
زكريا|Zakaria|Zakariya,Zakariyya,Zakarya|2
وحيد|Wahid|Waheed,Ouahid|1
عزت|Izzat|Ezzat,Izzet|1
حمدي|Hamdi|Hamdy|1
جودت|Jawdat|Jaudat,Joudat|1
راتب|Rateb|Ratib|1
منهل|Manhal|Menhal|1
ربيع|Rabie|Rabi',Rabea,Rabih|1
بشير|Bashir|Basheer,Bachir|1
نواف|Nawaf|Nawwaf|1
شاهر|Shaher|Shahir,Chaher|1
"""

FEMALE_GIVEN = """
فاطمة|Fatima|Fatmeh,Fatma,Fatemah,Fatimah,Fatme|40
مريم|Maryam|Mariam,Meriem,Miriam,Mariyam|25
خديجة|Khadija|Khadijah,Khadijeh,Hadija,Khadeeja|18
عائشة|Aisha|Aysha,Aicha,Aisheh,A'isha,Aishah|16
زينب|Zeinab|Zaynab,Zainab,Zeynab|14
نور|Nour|Noor,Nur|12
آمنة|Amina|Amneh,Aminah,Ameneh,Amna|10
سارة|Sara|Sarah,Sarra|9
حليمة|Halima|Halimeh,Halimah|8
هبة|Hiba|Heba,Hibah,Hebah|7
رنا|Rana|Ranaa|6
ريم|Reem|Rim,Riem|6
سعاد|Suad|Souad,Soad,Su'ad|6
هدى|Huda|Houda,Hoda,Hudaa|6
لينا|Lina|Leena,Lena|5
رهف|Rahaf|Rahef|5
جنى|Jana|Janna,Djana|5
شام|Sham|Cham,Shaam|4
ياسمين|Yasmin|Yasmine,Yasmeen,Yassmin|5
دعاء|Duaa|Doaa,Du'a,Dua'a|4
إسراء|Israa|Esraa,Isra,Isra'a|4
آلاء|Alaa|Ala'a,Alaa'|4
رغد|Raghad|Raghed|3
بتول|Batoul|Batool,Batul|3
سلمى|Salma|Salmah,Selma|4
ليلى|Layla|Leila,Laila,Leyla|4
نادية|Nadia|Nadiya,Nadiyah,Nadiah|4
سميرة|Samira|Sameera,Samirah,Samireh|4
منى|Mona|Muna,Mouna|4
وفاء|Wafaa|Wafa,Wafa'|3
غادة|Ghada|Ghadah,Ghadeh|3
أمل|Amal|Amel|4
حنان|Hanan|Hanane,Hannan|3
سناء|Sanaa|Sana,Sana'a|3
رقية|Ruqaya|Roukaya,Ruqayyah,Rukaya,Roqaya|3
أسماء|Asmaa|Asma,Asma'a|4
سمية|Sumaya|Soumaya,Somaya,Sumayyah|3
صفاء|Safaa|Safa,Safa'a|3
هناء|Hanaa|Hana,Hana'a|3
ميساء|Maysaa|Maisa,Maysa|2
لمى|Lama|Lamaa|3
تسنيم|Tasnim|Tasneem,Tesnim|2
بشرى|Bushra|Boushra,Bochra,Bushra|2
إيمان|Iman|Eman,Imane,Emane|4
رزان|Razan|Razane|2
ملك|Malak|Malek,Melek|3
شهد|Shahd|Chahd,Shahed|2
غنى|Ghina|Ghena,Ghinaa|2
جميلة|Jamila|Jamileh,Jamilah,Djamila|3
نهى|Nuha|Noha,Nouha|2
كوثر|Kawthar|Kawsar,Kaouthar,Kauthar|2
وداد|Widad|Wedad,Ouidad|2
انتصار|Intisar|Entisar,Intissar|2
عفاف|Afaf|Afaaf|2
نجلاء|Najlaa|Najla,Nejla|2
رحاب|Rihab|Rehab,Rihaab|2
صباح|Sabah|Sabaah|3
ختام|Khitam|Khetam,Hitam|2
رباب|Rabab|Rebab|1
هالة|Hala|Halah,Haleh|2
دلال|Dalal|Dalaal|1
"""

# Family names: `ال` is part of the Arabic; the Latin base has no article (it is
# added per list as al-/el-/Al/…); a trailing `*` marks names written with `ال`.
FAMILY = """
الأحمد*|Ahmad|Ahmed|30
المحمد*|Mohammad|Muhammad,Mohamed|30
العلي*|Ali|Aly|22
الحسن*|Hasan|Hassan|16
الحسين*|Hussein|Husayn,Hussain|14
الخطيب*|Khatib|Khateeb,Khatteb|12
الحلبي*|Halabi|Halaby,Halabie|10
المصري*|Masri|Masry,Misri|10
الشامي*|Shami|Chami,Shamy|9
الحمصي*|Homsi|Hamsi,Humsi|8
الإدلبي*|Idlibi|Edlibi,Idlebi|6
الحموي*|Hamwi|Hamawi,Hamoui|7
الديري*|Deiri|Dairi,Deyri|5
الحوراني*|Hourani|Horani,Hurani|6
الشيخ*|Sheikh|Shaikh,Cheikh,Shaykh|9
الأسعد*|Asaad|As'ad,Assad|5
السيد*|Sayed|Sayyed,Saied,Sayyid|6
النجار*|Najjar|Najar,Nadjar|7
الحداد*|Haddad|Hadad|6
الخياط*|Khayyat|Khayat,Khaiat|5
العطار*|Attar|Atar,Aattar|5
الحلاق*|Hallaq|Hallak,Halak|4
الدباغ*|Dabbagh|Dabagh,Debbagh|3
الصباغ*|Sabbagh|Sabagh,Sebbagh|4
الزين*|Zein|Zain,Zeyn|4
الخليل*|Khalil|Khaleel|5
العمر*|Omar|Umar|9
الحمود*|Hamoud|Hammoud,Hamud|8
الجاسم*|Jassem|Jasim,Jasem,Gasem|7
العبدالله*|Abdullah|Abdallah,Abd Allah|8
الصالح*|Saleh|Salih|7
الإبراهيم*|Ibrahim|Ebrahim|6
الموسى*|Mousa|Musa,Moussa|6
العيسى*|Issa|Eisa,Isa|5
العبيد*|Obeid|Ubaid,Obaid|5
العبيدي*|Obeidi|Ubaidi,Obaidi|4
الجبوري*|Jubouri|Jabouri,Jburi|3
الشمري*|Shammari|Shamari,Chammari|3
العنزي*|Anazi|Anezi,Enezi|3
البكاري*|Bakkari|Bakari|2
الحديدي*|Hadidi|Hadidy|3
الخضر*|Khodr|Khidr,Khader|4
الرفاعي*|Rifai|Refai,Rifaie,Rifa'i|4
الزعبي*|Zoubi|Zu'bi,Zobi,Zoebi|6
المقداد*|Miqdad|Mekdad,Meqdad,Mikdad|3
الحريري*|Hariri|Harery,Hariry|4
المسالمة*|Masalma|Masalmeh,Masalmah|3
الشرع*|Sharaa|Shara,Char'a|2
الحمد*|Hamad|Hamed|6
الفارس*|Fares|Faris|4
الدغيم*|Dughaim|Doghaim,Dughaym|2
الكردي*|Kurdi|Kordi,Kurdy|4
التركماني*|Turkmani|Torkmani,Turkmany|2
الحاج*|Hajj|Haj,Hadj|6
الأيوبي*|Ayoubi|Ayyoubi,Ayubi|2
البيطار*|Bitar|Baytar,Beitar|3
الطويل*|Tawil|Taweel,Touil|3
القاسم*|Qasim|Kassem,Qassem|4
القاضي*|Qadi|Kadi,Qady|3
العلوش*|Alloush|Allouch,Allush|2
السباعي*|Sibai|Sebai,Siba'i|2
الأتاسي*|Atassi|Atasi|2
الدروبي*|Droubi|Drubi|2
الجندي*|Jundi|Jondi,Gundi|3
الناصر*|Nasser|Naser,Nasir|4
الخلف*|Khalaf|Khalef|5
العساف*|Assaf|Asaf|3
الحسون*|Hassoun|Hasoun,Hassun|3
المحمود*|Mahmoud|Mahmud|6
الحميد*|Hamid|Hameed|4
العبد*|Abd|Abed|4
الرجب*|Rajab|Rajeb|3
الجمعة*|Jumaa|Joumaa,Jum'a,Jomaa|4
الظاهر*|Zaher|Dhaher,Thaher|2
المرعي*|Marai|Mar'i,Mari|3
الأصفر*|Asfar|Asfer|2
الأسود*|Aswad|Asswad|2
الطحان*|Tahhan|Tahan|3
الحجي*|Hajji|Haji|3
المنصور*|Mansour|Mansur|4
الداود*|Dawood|Daoud,Dawud,Daood|4
الخالد*|Khaled|Khalid|5
السلوم*|Salloum|Saloum,Sallum|3
الحمادة*|Hamada|Hamadeh,Hamadah|3
السعيد*|Saeed|Said,Saied|4
الراشد*|Rashed|Rashid,Rached|3
الفرج*|Faraj|Farag,Faradj|3
العمري*|Omari|Umari|3
الحربي*|Harbi|Harby|2
الكنج*|Kanj|Kenj|1
البدوي*|Badawi|Bedawi,Badaoui|3
الشواخ*|Shawakh|Chaouakh|1
الدالاتي*|Dalati|Dalaty|1
الحسيني*|Husseini|Husayni,Hosseini|2
الجاعور*|Jaour|Ja'ur|1
الدوماني*|Doumani|Dumani|2
الحرستاني*|Harastani|Harestani|2
الداراني*|Darani|Daraani|2
الزملكاني*|Zamalkani|Zamalkany|1
الكفرسوسي*|Kafarsousi|Kafrsousi|1
الطرابلسي*|Trabulsi|Tarabulsi,Trablsi|2
البغدادي*|Baghdadi|Baghdady|2
العراقي*|Iraqi|Iraki|2
الفلسطيني*|Falastini|Filistini|2
الأرناؤوط*|Arnaout|Arnaut,Arnaoot|2
الأنصاري*|Ansari|Ansary|2
القباني*|Qabbani|Kabbani,Qabani|2
العاني*|Ani|Aani|1
الزهوري*|Zahouri|Zuhuri|1
الكيالي*|Kayali|Kayyali,Kiali|2
الجراح*|Jarrah|Jarah|2
السقا*|Saqqa|Sakka,Saqa|2
البزرة*|Bizreh|Bizra,Bezra|1
الحمامي*|Hammami|Hamami|2
الملا*|Mulla|Molla,Mollah|3
البيك*|Bek|Beik,Bey|1
السمان*|Samman|Saman|2
الجمل*|Jamal|Gamal,Jamel|2
الأسمر*|Asmar|Asmer|2
الأشقر*|Ashqar|Ashkar,Achkar|2
العبسي*|Absi|Abssi|1
الخزاعي*|Khuzai|Khoza'i|1
الرحال*|Rahhal|Rahal|2
الشلبي*|Shalabi|Chalabi,Shalaby|2
العيد*|Eid|Aid,Id|3
السويدي*|Suwaidi|Souedi,Swedi|2
الحسين علي*|Hussein Ali|Husayn Ali|1
طرابيشي|Tarabishi|Trabishi,Tarabichi|2
حداد|Haddad|Hadad|4
خليل|Khalil|Khaleel,Halil|5
نجار|Najjar|Najar|3
شحادة|Shehadeh|Shahada,Chehade,Shehada,Shhadeh|4
حمدان|Hamdan|Hamdane,Hemdan|4
عثمان|Othman|Uthman,Osman|4
سليمان|Suleiman|Sulayman,Sleiman|4
زيدان|Zidan|Zeidan,Zaydan|3
مراد|Murad|Mourad,Morad|3
درويش|Darwish|Darwich,Derwish|4
حجازي|Hijazi|Hegazi,Hejazi|3
بكور|Bakour|Bakkour,Bakur|3
قطان|Qattan|Kattan,Qatan|3
ديب|Deeb|Dib,Dieb|4
دياب|Diab|Dhiab,Deyab|3
حمادة|Hamada|Hamadeh,Hamadah|3
سلوم|Salloum|Saloum,Sallum|3
حبش|Habash|Habache,Habsh|2
عساف|Assaf|Asaf|3
خطاب|Khattab|Khatab,Hattab|3
ملص|Malas|Mallas,Malass|2
كيالي|Kayali|Kayyali|2
جمعة|Jumaa|Joumaa,Jomaa,Jum'a|4
غنوم|Ghannoum|Ghanoum,Ghannum|2
بدوي|Badawi|Bedawi|2
عرعور|Arour|Ar'our,Aarour|1
ناصيف|Nassif|Nasif,Nassef|2
فرحات|Farhat|Farhet|2
حسون|Hassoun|Hasoun|3
معروف|Maarouf|Ma'ruf,Marouf|2
جبر|Jabr|Jaber,Gabr|2
عبود|Abboud|Abbud,Aboud|4
سعيد|Said|Saeed|3
أبازيد|Abazeed|Abazid,Aba Zaid|3
المسالمة|Masalmeh|Masalma|1
العودات|Awdat|Oudat,Odat|2
الجهماني|Jahmani|Jehmani|1
قباني|Qabbani|Kabbani|2
بيطار|Bitar|Baytar|2
إدريس|Idris|Edris,Idriss|3
يونس|Younes|Yunus,Younis|3
عيسى|Issa|Eisa|3
موسى|Mousa|Musa,Moussa|3
حلاق|Hallaq|Hallak|2
الجرف*|Jurf|Jorf|1
الكسم*|Kasm|Kesem|1
الشعار*|Shaar|Sha'ar,Chaar|2
الصوفي*|Soufi|Sufi|2
"""


@dataclass(frozen=True)
class Lexicon:
    """One vocabulary: Arabic forms, Latin spellings and frequencies, index-aligned."""

    arabic: tuple[str, ...]
    latin: tuple[tuple[str, ...], ...]  # base spelling first
    weights: np.ndarray  # sums to 1
    has_article: np.ndarray  # bool, family names written with ال

    def __len__(self) -> int:
        return len(self.arabic)


def _parse(text: str, exponent: float = 1.0) -> Lexicon:
    """Entries with weights raised to `exponent` (below 1 flattens the distribution)."""
    arabic, latin, weights, article = [], [], [], []
    for line in text.strip().splitlines():
        ar, base, others, weight = line.split("|")
        has_article = ar.endswith("*")
        ar = ar.rstrip("*")
        spellings = [base] + [s for s in others.split(",") if s and s != base]
        arabic.append(ar)
        latin.append(tuple(dict.fromkeys(spellings)))
        weights.append(float(weight))
        article.append(has_article)
    w = np.asarray(weights) ** exponent
    return Lexicon(tuple(arabic), tuple(latin), w / w.sum(), np.asarray(article, dtype=bool))


MALE = _parse(MALE_GIVEN)
FEMALE = _parse(FEMALE_GIVEN)
FAMILIES = _parse(FAMILY, exponent=0.5)  # family names are far more diverse than given names
