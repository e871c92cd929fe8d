"""Demo content for the Rasht media committee (کمیته رسانه شهرداری رشت).

Data only; `demo.loader` reads these structures. All people, their e-mail addresses
and phone numbers, and all newspapers, weeklies, news agencies and news websites below are
fictional demo data: any resemblance to real persons or outlets is coincidental. Municipal
units carry generic titles. Meeting dates are days relative to the day the demo is loaded
(negative = past), so a fresh demo always has meetings behind it and ahead of it.
"""

from __future__ import annotations

# The committee itself.
COMMITTEE = {
    "name": "کمیته رسانه شهرداری رشت",
    "municipality": "شهرداری رشت",
    "city": "رشت",
    "slug": "rasht",
    "description": (
        "کمیته رسانه شهرداری رشت به ریاست شهردار و با دبیری مدیریت روابط عمومی و امور بین‌الملل "
        "تشکیل شده است تا مدیران شهری و اصحاب رسانه در کنار هم، عملکرد دستگاه‌های شهرداری را شفاف "
        "و به‌موقع به شهروندان گزارش کنند. این کمیته در قالب پنج کارگروه مستقل، پرسش‌های خبرنگاران "
        "را با مدیران مربوط در میان می‌گذارد، مشکلات شهر را برای پیگیری سریع مطرح می‌کند و "
        "صورت‌جلسات و مصوبات را برای آگاهی عموم منتشر می‌کند. هدف ما این است که هر شهروند بداند "
        "درباره خیابان، محله و شهرش چه تصمیمی گرفته شده و کار به کجا رسیده است."
    ),
}

# (key, name, kind). kind: deputy_office, district, department, affiliated,
# local_newspaper, national_newspaper, weekly, news_agency, news_website.
ORGANIZATIONS = [
    ("mayor_office", "دفتر شهردار رشت", "department"),
    ("pr", "مدیریت روابط عمومی و امور بین‌الملل شهرداری رشت", "department"),
    ("legal", "اداره کل حقوقی شهرداری رشت", "department"),
    ("deputy_civil", "معاونت عمرانی شهرداری رشت", "deputy_office"),
    ("deputy_services", "معاونت خدمات شهری شهرداری رشت", "deputy_office"),
    ("deputy_urban", "معاونت شهرسازی و معماری شهرداری رشت", "deputy_office"),
    ("deputy_planning", "معاونت برنامه‌ریزی، توسعه و امور اقتصادی شهرداری رشت", "deputy_office"),
    ("deputy_culture", "معاونت فرهنگی و اجتماعی شهرداری رشت", "deputy_office"),
    ("district1", "منطقه ۱ شهرداری رشت", "district"),
    ("district2", "منطقه ۲ شهرداری رشت", "district"),
    ("district4", "منطقه ۴ شهرداری رشت", "district"),
    ("transport", "سازمان حمل و نقل و ترافیک شهرداری رشت", "affiliated"),
    ("waste", "سازمان مدیریت پسماند شهرداری رشت", "affiliated"),
    ("investment", "سازمان سرمایه‌گذاری و مشارکت‌های مردمی شهرداری رشت", "affiliated"),
    ("culture_org", "سازمان فرهنگی، اجتماعی و ورزشی شهرداری رشت", "affiliated"),
    ("ict", "سازمان فناوری اطلاعات و ارتباطات شهرداری رشت", "affiliated"),
    ("gohar_daily", "روزنامه آوای گوهررود", "local_newspaper"),
    ("lakan_daily", "روزنامه پیک لاکان", "local_newspaper"),
    ("setareh_daily", "روزنامه سراسری ستاره دشت (دفتر گیلان)", "national_newspaper"),
    ("roshanrah_daily", "روزنامه سراسری روشن‌راه (دفتر گیلان)", "national_newspaper"),
    ("baransara_weekly", "هفته‌نامه باران‌سرا", "weekly"),
    ("kouchebagh_weekly", "هفته‌نامه کوچه‌باغ", "weekly"),
    ("rahnegar_agency", "خبرگزاری راه‌نگار (دفتر استان گیلان)", "news_agency"),
    ("tirang_agency", "خبرگزاری تیرنگ (دفتر استان گیلان)", "news_agency"),
    ("rashtnama_site", "پایگاه خبری رشت‌نما", "news_website"),
    ("bijar_site", "پایگاه خبری بیجار", "news_website"),
]

# City officials first, then the press. `org` is an ORGANIZATIONS key.
PEOPLE = [
    # City officials.
    {
        "key": "mayor",
        "first_name": "کامران",
        "last_name": "شفیعی‌پور",
        "post": "شهردار رشت",
        "org": "mayor_office",
        "email": "k.shafieipour@example.ir",
        "phone": "013-33120410",
    },
    {
        "key": "pr_director",
        "first_name": "نرگس",
        "last_name": "رحیم‌زاده",
        "post": "مدیر روابط عمومی و امور بین‌الملل",
        "org": "pr",
        "email": "n.rahimzadeh@example.ir",
        "phone": "013-33120455",
    },
    {
        "key": "secretariat_staff",
        "first_name": "الهام",
        "last_name": "قربان‌نژاد",
        "post": "کارشناس دبیرخانه کمیته رسانه",
        "org": "pr",
        "email": "e.ghorbannejad@example.ir",
        "phone": "013-33120462",
    },
    {
        "key": "dep_culture",
        "first_name": "مریم",
        "last_name": "سلیمانی‌راد",
        "post": "معاون فرهنگی و اجتماعی شهردار",
        "org": "deputy_culture",
        "email": "m.soleimanirad@example.ir",
        "phone": "013-33120531",
    },
    {
        "key": "dep_civil",
        "first_name": "فرهاد",
        "last_name": "صالحی‌کیا",
        "post": "معاون عمرانی شهردار",
        "org": "deputy_civil",
        "email": "f.salehikia@example.ir",
        "phone": "013-33120507",
    },
    {
        "key": "dep_urban",
        "first_name": "سیاوش",
        "last_name": "کیانی‌فرد",
        "post": "معاون شهرسازی و معماری شهردار",
        "org": "deputy_urban",
        "email": "s.kianifard@example.ir",
        "phone": "013-33120518",
    },
    {
        "key": "dep_services",
        "first_name": "حمید",
        "last_name": "پورابراهیمی",
        "post": "معاون خدمات شهری شهردار",
        "org": "deputy_services",
        "email": "h.pourebrahimi@example.ir",
        "phone": "013-33120524",
    },
    {
        "key": "dep_planning",
        "first_name": "رضا",
        "last_name": "آقاجانی",
        "post": "معاون برنامه‌ریزی، توسعه و امور اقتصادی شهردار",
        "org": "deputy_planning",
        "email": "r.aghajani@example.ir",
        "phone": "013-33120540",
    },
    {
        "key": "official2",
        "first_name": "علیرضا",
        "last_name": "منصوری‌مقدم",
        "post": "مدیرعامل سازمان حمل و نقل و ترافیک",
        "org": "transport",
        "email": "a.mansourimoghaddam@example.ir",
        "phone": "013-33261870",
    },
    {
        "key": "d1_manager",
        "first_name": "پیمان",
        "last_name": "دلاوری",
        "post": "مدیر منطقه ۱",
        "org": "district1",
        "email": "p.delavari@example.ir",
        "phone": "013-33224015",
    },
    {
        "key": "d2_manager",
        "first_name": "سعید",
        "last_name": "امیرخانی",
        "post": "مدیر منطقه ۲",
        "org": "district2",
        "email": "s.amirkhani@example.ir",
        "phone": "013-33731290",
    },
    {
        "key": "d4_manager",
        "first_name": "زهرا",
        "last_name": "بهشتی‌پور",
        "post": "مدیر منطقه ۴",
        "org": "district4",
        "email": "z.beheshtipour@example.ir",
        "phone": "013-33556702",
    },
    {
        "key": "waste_ceo",
        "first_name": "مسعود",
        "last_name": "خوش‌رفتار",
        "post": "مدیرعامل سازمان مدیریت پسماند",
        "org": "waste",
        "email": "m.khoshraftar@example.ir",
        "phone": "013-33690148",
    },
    {
        "key": "invest_ceo",
        "first_name": "شهرام",
        "last_name": "یگانه‌پور",
        "post": "مدیرعامل سازمان سرمایه‌گذاری و مشارکت‌های مردمی",
        "org": "investment",
        "email": "sh.yeganehpour@example.ir",
        "phone": "013-33128836",
    },
    {
        "key": "culture_ceo",
        "first_name": "لیلا",
        "last_name": "فخرایی",
        "post": "مدیرعامل سازمان فرهنگی، اجتماعی و ورزشی",
        "org": "culture_org",
        "email": "l.fakhraei@example.ir",
        "phone": "013-33237419",
    },
    {
        "key": "ict_ceo",
        "first_name": "امید",
        "last_name": "رستگارفر",
        "post": "مدیرعامل سازمان فناوری اطلاعات و ارتباطات",
        "org": "ict",
        "email": "o.rastegarfar@example.ir",
        "phone": "013-33129064",
    },
    {
        "key": "legal_director",
        "first_name": "بهروز",
        "last_name": "طاهری",
        "post": "مدیرکل حقوقی شهرداری",
        "org": "legal",
        "email": "b.taheri@example.ir",
        "phone": "013-33120577",
    },
    # The press (fictional outlets).
    {
        "key": "gohar_ed",
        "first_name": "محسن",
        "last_name": "پاک‌سرشت",
        "post": "سردبیر",
        "org": "gohar_daily",
        "email": "m.paksersht@example.ir",
        "phone": "09113452817",
    },
    {
        "key": "gohar_rep",
        "first_name": "فاطمه",
        "last_name": "نوروزی‌فر",
        "post": "خبرنگار",
        "org": "gohar_daily",
        "email": "f.nowruzifar@example.ir",
        "phone": "09119027364",
    },
    {
        "key": "lakan_ed",
        "first_name": "کیوان",
        "last_name": "شیرزادی",
        "post": "دبیر سرویس شهری",
        "org": "lakan_daily",
        "email": "k.shirzadi@example.ir",
        "phone": "09123318476",
    },
    {
        "key": "lakan_rep",
        "first_name": "مهسا",
        "last_name": "چراغی",
        "post": "خبرنگار",
        "org": "lakan_daily",
        "email": "m.cheraghi@example.ir",
        "phone": "09117786215",
    },
    {
        "key": "setareh_rep",
        "first_name": "داوود",
        "last_name": "ملک‌زاده",
        "post": "نماینده در گیلان",
        "org": "setareh_daily",
        "email": "d.malekzadeh@example.ir",
        "phone": "09121560938",
    },
    {
        "key": "roshan_rep",
        "first_name": "آزاده",
        "last_name": "حسن‌پور",
        "post": "خبرنگار در گیلان",
        "org": "roshanrah_daily",
        "email": "a.hassanpour@example.ir",
        "phone": "09132248571",
    },
    {
        "key": "baran_md",
        "first_name": "جواد",
        "last_name": "طالب‌نیا",
        "post": "مدیرمسئول",
        "org": "baransara_weekly",
        "email": "j.talebnia@example.ir",
        "phone": "09111934620",
    },
    {
        "key": "baran_rep",
        "first_name": "نگین",
        "last_name": "ایزدپناه",
        "post": "خبرنگار",
        "org": "baransara_weekly",
        "email": "n.izadpanah@example.ir",
        "phone": "09116408153",
    },
    {
        "key": "kouche_ed",
        "first_name": "بابک",
        "last_name": "رمضان‌زاده",
        "post": "سردبیر",
        "org": "kouchebagh_weekly",
        "email": "b.ramezanzadeh@example.ir",
        "phone": "09112675049",
    },
    {
        "key": "rahnegar_head",
        "first_name": "حسین",
        "last_name": "فلاح‌نژاد",
        "post": "مدیر دفتر استان گیلان",
        "org": "rahnegar_agency",
        "email": "h.fallahnejad@example.ir",
        "phone": "09121847302",
    },
    {
        "key": "press2",
        "first_name": "سپیده",
        "last_name": "کاظمی‌نیا",
        "post": "خبرنگار حوزه شهری",
        "org": "rahnegar_agency",
        "email": "s.kazeminia@example.ir",
        "phone": "09118320746",
    },
    {
        "key": "tirang_rep",
        "first_name": "مهدی",
        "last_name": "صفرپور",
        "post": "خبرنگار",
        "org": "tirang_agency",
        "email": "m.safarpour@example.ir",
        "phone": "09114091568",
    },
    {
        "key": "tirang_photo",
        "first_name": "یاسمن",
        "last_name": "بهرامی‌کیا",
        "post": "عکاس خبری",
        "org": "tirang_agency",
        "email": "y.bahramikia@example.ir",
        "phone": "09135527104",
    },
    {
        "key": "rashtnama_ed",
        "first_name": "آرش",
        "last_name": "خلیلی‌پور",
        "post": "سردبیر",
        "org": "rashtnama_site",
        "email": "a.khalilipour@example.ir",
        "phone": "09113869427",
    },
    {
        "key": "rashtnama_rep",
        "first_name": "شیما",
        "last_name": "جعفرزاده",
        "post": "خبرنگار",
        "org": "rashtnama_site",
        "email": "sh.jafarzadeh@example.ir",
        "phone": "09117250391",
    },
    {
        "key": "bijar_rep",
        "first_name": "رامین",
        "last_name": "قاسمی‌نیا",
        "post": "دبیر سرویس شهری",
        "org": "bijar_site",
        "email": "r.ghaseminia@example.ir",
        "phone": "09122904615",
    },
]

# (person key, role): chair, secretariat_head, secretariat_staff.
COMMITTEE_ROLES = [
    ("mayor", "chair"),
    ("pr_director", "secretariat_head"),
    ("secretariat_staff", "secretariat_staff"),
]

# Workgroup order -> [(person key, role)], role: chair, permanent, member.
# 1 cultural, social and tourism; 2 civil works and traffic; 3 urban planning and legal;
# 4 city services; 5 economic (investment, revenue, budget, informatics).
MEMBERSHIPS = {
    1: [
        ("dep_culture", "chair"),
        ("culture_ceo", "permanent"),
        ("d1_manager", "permanent"),
        ("gohar_rep", "permanent"),
        ("roshan_rep", "permanent"),
        ("baran_rep", "permanent"),
        ("kouche_ed", "permanent"),
        ("tirang_photo", "member"),
    ],
    2: [
        ("dep_civil", "chair"),
        ("official2", "permanent"),
        ("d2_manager", "permanent"),
        ("press2", "permanent"),
        ("lakan_ed", "permanent"),
        ("rashtnama_rep", "permanent"),
        ("setareh_rep", "permanent"),
        ("bijar_rep", "member"),
    ],
    3: [
        ("dep_urban", "chair"),
        ("legal_director", "permanent"),
        ("d4_manager", "permanent"),
        ("setareh_rep", "permanent"),
        ("rashtnama_ed", "permanent"),
        ("baran_md", "permanent"),
        ("gohar_ed", "member"),
    ],
    4: [
        ("dep_services", "chair"),
        ("waste_ceo", "permanent"),
        ("d4_manager", "permanent"),
        ("lakan_rep", "permanent"),
        ("tirang_rep", "permanent"),
        ("bijar_rep", "permanent"),
        ("gohar_rep", "member"),
    ],
    5: [
        ("dep_planning", "chair"),
        ("invest_ceo", "permanent"),
        ("ict_ceo", "permanent"),
        ("rahnegar_head", "permanent"),
        ("gohar_ed", "permanent"),
        ("kouche_ed", "permanent"),
        ("rashtnama_ed", "member"),
    ],
}

# The five workgroup chairs, in workgroup order (matches MEMBERSHIPS).
CHAIR_KEYS = ("dep_culture", "dep_civil", "dep_urban", "dep_services", "dep_planning")

# Workgroup order -> scope (حوزه کاری).
WORKGROUP_SCOPES = {
    1: (
        "برنامه‌های فرهنگی، اجتماعی و ورزشی شهرداری، رویدادهای پیاده‌راه فرهنگی و میدان شهرداری و "
        "معرفی رشت به‌عنوان شهر خلاق خوراک یونسکو در حوزه این کارگروه است. کارگروه خدمات گردشگری "
        "شهر در ایام تعطیلات و نوروز، از تابلوهای راهنما تا اطلاع‌رسانی به مسافران را پیگیری "
        "می‌کند و پرسش‌های خبرنگاران درباره فضاهای فرهنگی و محله‌ای را به مدیران مربوط می‌رساند."
    ),
    2: (
        "پروژه‌های عمرانی شهر، آسفالت و ترمیم معابر، شبکه جمع‌آوری آب‌های سطحی و طرح‌های حمل و نقل "
        "عمومی از جمله مطالعات قطار شهری و اتوبوس تندرو در این کارگروه بررسی می‌شود. گره‌های "
        "ترافیکی محدوده‌هایی مانند گلسار و منظریه، وضعیت اتوبوس‌ها و تاکسی‌ها و ساماندهی پارک "
        "حاشیه‌ای نیز با حضور مدیران و خبرنگاران پیگیری و نتیجه آن به شهروندان گزارش می‌شود."
    ),
    3: (
        "صدور پروانه ساختمانی، آرای کمیسیون ماده صد، بازنگری طرح تفصیلی و طرح‌های تعریض و تملک "
        "معابر موضوع کار این کارگروه است. کارگروه می‌کوشد ضوابط شهرسازی و حقوق شهروندان در این "
        "فرایندها به زبانی ساده و با آمار دقیق در اختیار رسانه‌ها قرار گیرد و ساخت‌وسازهای غیرمجاز "
        "در حریم رودخانه‌ها و بافت تاریخی به‌موقع گزارش شود."
    ),
    4: (
        "جمع‌آوری و دفع پسماند، وضعیت مرکز دفن سراوان و تصفیه شیرابه، پاکیزگی معابر و حاشیه "
        "رودخانه‌های زرجوب و گوهررود و آمادگی خدمات شهری در روزهای بارش شدید در این کارگروه دنبال "
        "می‌شود. گزارش‌های خبرنگاران از محله‌ها در کنار آمار سازمان‌های خدماتی بررسی و برای هر "
        "مشکل، مسئول و مهلت رسیدگی تعیین می‌شود."
    ),
    5: (
        "فرصت‌ها و قراردادهای سرمایه‌گذاری، تحقق درآمدها، برنامه و بودجه شهرداری و طرح‌های شهر "
        "هوشمند و سامانه‌های اطلاعاتی از جمله سامانه ۱۳۷ در حوزه این کارگروه است. کارگروه پیگیری "
        "می‌کند که گزارش‌های مالی و داده‌های شهری به شکلی قابل فهم و منظم منتشر شود و خبرنگاران "
        "بتوانند درباره هزینه‌ها و درآمدهای شهر پرسش کنند و پاسخ بگیرند."
    ),
}

# Meetings of the committee (workgroup None) and of the workgroups. `agenda` and
# `decisions` indexes are 0-based; absent/excused are members, guests are not.
MEETINGS = [
    # Whole committee, held (148 days ago).
    {
        "key": "committee_opening",
        "workgroup": None,
        "days_from_today": -148,
        "start": "10:00",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "نشست آغازین کمیته رسانه: تصویب شیوه‌نامه کارگروه‌ها و تقویم جلسات",
        "location": "سالن جلسات ساختمان مرکزی شهرداری رشت، طبقه سوم",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش دبیرخانه از تشکیل کارگروه‌های پنج‌گانه و ترکیب اعضا",
                "description": (
                    "مدیر روابط عمومی فهرست اعضای ثابت و غیرثابت هر کارگروه و سهم نمایندگان "
                    "روزنامه‌های محلی و سراسری، هفته‌نامه‌ها، خبرگزاری‌ها و پایگاه‌های خبری را "
                    "ارائه کرد."
                ),
                "kind": "report",
                "presenter": "pr_director",
                "is_public": True,
                "discussion": (
                    "در این گزارش آمد که ۱۶ نفر از اصحاب رسانه و ۱۴ نفر از مدیران شهری در پنج "
                    "کارگروه عضو شده‌اند و هر کارگروه دست‌کم یک نماینده از رسانه‌های محلی دارد. "
                    "اعضا پیشنهاد کردند امکان معرفی جانشین برای خبرنگاران عضو ثابت در شیوه‌نامه "
                    "پیش‌بینی شود و این پیشنهاد پذیرفته شد."
                ),
                "answer": "",
            },
            {
                "title": "تصویب شیوه‌نامه برگزاری جلسات و انتشار صورت‌جلسات",
                "description": (
                    "پیش‌نویس شیوه‌نامه شامل نحوه دعوت، حد نصاب جلسات، ثبت حضور و غیاب و مهلت "
                    "انتشار صورت‌جلسه برای عموم بررسی شد."
                ),
                "kind": "other",
                "presenter": "secretariat_staff",
                "is_public": True,
                "discussion": (
                    "درباره مهلت انتشار صورت‌جلسه بحث شد؛ نمایندگان رسانه‌ها مهلت یک‌هفته‌ای را "
                    "پیشنهاد کردند و معاونان به زمان لازم برای تأیید متن اشاره کردند. در نهایت "
                    "مهلت ده‌روزه پس از برگزاری جلسه تصویب شد و مقرر شد بندهایی که جنبه قراردادی "
                    "یا شخصی دارند با ذکر دلیل غیرعمومی ثبت شوند."
                ),
                "answer": "",
            },
            {
                "title": "تقویم جلسات کارگروه‌ها تا پایان سال",
                "description": (
                    "برنامه پیشنهادی دبیرخانه برای نوبت‌بندی جلسات پنج کارگروه به‌گونه‌ای که "
                    "هم‌زمانی با جلسات شورای اسلامی شهر پیش نیاید."
                ),
                "kind": "other",
                "presenter": None,
                "is_public": True,
                "discussion": (
                    "رؤسای کارگروه‌ها با تشکیل دست‌کم یک جلسه در هر شش هفته موافقت کردند. معاون "
                    "عمرانی خواست جلسات کارگروه دوم پیش از آغاز فصل بارش فشرده‌تر برگزار شود."
                ),
                "answer": "",
            },
            {
                "title": "پرسش‌های خبرنگاران در فاصله میان جلسات به چه کسی ارجاع می‌شود؟",
                "description": (
                    "سردبیر روزنامه آوای گوهررود پرسید اگر خبرنگاری پیش از جلسه بعدی کارگروه پرسشی "
                    "فوری داشته باشد، چه سازوکاری برای گرفتن پاسخ رسمی وجود دارد."
                ),
                "kind": "question",
                "presenter": "gohar_ed",
                "is_public": True,
                "discussion": (
                    "چند نفر از اعضا به تجربه‌های قبلی اشاره کردند که پاسخ پرسش‌ها هفته‌ها طول "
                    "کشیده بود."
                ),
                "answer": (
                    "شهردار گفت هر معاونت و سازمان تابع یک رابط رسانه‌ای معرفی می‌کند و دبیرخانه "
                    "پرسش‌ها را ثبت و پیگیری می‌کند؛ پاسخ باید حداکثر ظرف ۷۲ ساعت داده شود و "
                    "تأخیرها در جلسه کمیته گزارش خواهد شد."
                ),
            },
        ],
        "absent": [],
        "excused": ["dep_planning"],
        "guests": ["gohar_ed", "rahnegar_head"],
        "chair": "mayor",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "دبیرخانه صورت‌جلسه هر نشست را حداکثر ده روز پس از برگزاری در درگاه شهرداری "
                    "منتشر کند و فهرست مصوبات را همراه با وضعیت پیگیری به‌روز نگه دارد."
                ),
                "agenda": 1,
                "responsible_org": "pr",
                "responsible_person": "pr_director",
                "deadline_days": 14,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "تقویم جلسات کارگروه‌ها با حداقل یک جلسه در هر شش هفته نهایی و به همه اعضا "
                    "ابلاغ شود."
                ),
                "agenda": 2,
                "responsible_org": "pr",
                "responsible_person": "secretariat_staff",
                "deadline_days": 10,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "همه معاونت‌ها، مناطق و سازمان‌های تابع یک رابط رسانه‌ای معرفی کنند تا "
                    "پرسش‌های خبرنگاران در فاصله جلسات حداکثر ظرف ۷۲ ساعت پاسخ داده شود."
                ),
                "agenda": 3,
                "responsible_org": "mayor_office",
                "responsible_person": "pr_director",
                "deadline_days": 21,
                "status": "in_progress",
                "is_public": True,
            },
        ],
        "summary": (
            "نخستین نشست کمیته رسانه به ریاست شهردار و با حضور رؤسای کارگروه‌ها و دو نماینده مدعو "
            "از رسانه‌ها برگزار شد. دبیرخانه ترکیب اعضای پنج کارگروه را گزارش کرد و شیوه‌نامه "
            "برگزاری جلسات با مهلت ده‌روزه برای انتشار صورت‌جلسات به تصویب رسید. مقرر شد هر "
            "کارگروه دست‌کم هر شش هفته یک‌بار تشکیل جلسه دهد. شهردار بر پاسخ‌گویی به‌موقع به "
            "خبرنگاران تأکید کرد و معرفی رابط رسانه‌ای در همه دستگاه‌های شهرداری با مهلت پاسخ ۷۲ "
            "ساعته تصویب شد."
        ),
        "minutes_status": "published",
    },
    # Workgroup 2, held (134 days ago).
    {
        "key": "wg2_drainage",
        "workgroup": 2,
        "days_from_today": -134,
        "start": "09:30",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "آمادگی شبکه جمع‌آوری آب‌های سطحی پیش از فصل بارش و برنامه ترمیم آسفالت معابر",
        "location": "اتاق جلسات معاونت عمرانی، ساختمان مرکزی شهرداری رشت، طبقه دوم",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش لایروبی کانال‌ها و آبروهای اصلی شهر",
                "description": (
                    "معاون عمرانی پیشرفت لایروبی کانال‌های جمع‌آوری آب‌های سطحی و اصلاح نقاط "
                    "آب‌گیر شناسایی‌شده در بارش‌های سال گذشته را گزارش کرد."
                ),
                "kind": "report",
                "presenter": "dep_civil",
                "is_public": True,
                "discussion": (
                    "بر اساس گزارش، از ۴۲ نقطه آب‌گیر سال گذشته ۲۷ نقطه اصلاح شده و لایروبی ۱۸ "
                    "کیلومتر از کانال‌های اصلی به پایان رسیده است. معاون خدمات شهری که به‌عنوان "
                    "مدعو حضور داشت، از هماهنگی اکیپ‌های رفت‌وروب برای جلوگیری از ورود برگ و زباله "
                    "به آبروها خبر داد."
                ),
                "answer": "",
            },
            {
                "title": "چرا تقاطع‌های گلسار در هر بارش سنگین آب‌گرفته می‌شوند؟",
                "description": (
                    "خبرنگار خبرگزاری راه‌نگار پرسید با وجود هزینه‌های سال گذشته، چرا بلوار گیلان "
                    "و چند خیابان فرعی گلسار پس از هر بارش سنگین ساعت‌ها زیر آب می‌روند."
                ),
                "kind": "question",
                "presenter": "press2",
                "is_public": True,
                "discussion": (
                    "نماینده پایگاه خبری رشت‌نما هم تصاویری از آب‌گرفتگی سال گذشته نشان داد و "
                    "خواستار زمان‌بندی روشن برای رفع مشکل شد."
                ),
                "answer": (
                    "معاون عمرانی توضیح داد کانال اصلی گلسار برای بارش‌های بیش از ۴۰ میلی‌متر در "
                    "ساعت طراحی نشده و طرح کانال موازی در دست مطالعه است؛ تا اجرای آن، در روزهای "
                    "هشدار هواشناسی دو پمپ سیار و یک اکیپ واکنش سریع در این محدوده مستقر می‌شود."
                ),
            },
            {
                "title": "ماندگاری ترانشه‌های حفاری شرکت‌های خدمات‌رسان",
                "description": (
                    "دبیر سرویس شهری روزنامه پیک لاکان از ترانشه‌هایی گفت که پس از حفاری شرکت‌های "
                    "آب، گاز و مخابرات هفته‌ها بدون ترمیم رها می‌شوند و در بارندگی به چاله تبدیل "
                    "می‌شوند."
                ),
                "kind": "problem",
                "presenter": "lakan_ed",
                "is_public": True,
                "discussion": (
                    "مدیر منطقه ۲ تأیید کرد که بخشی از خرابی آسفالت در خیابان‌های این منطقه ناشی "
                    "از ترمیم نشدن ترانشه‌هاست. اعضا توافق کردند فهرست حفاری‌ها با نام دستگاه حفار "
                    "و مهلت ترمیم به‌طور منظم در اختیار رسانه‌ها قرار گیرد تا پیگیری عمومی ممکن "
                    "شود."
                ),
                "answer": "",
            },
            {
                "title": "برنامه لکه‌گیری و روکش آسفالت معابر آسیب‌دیده",
                "description": (
                    "مدیر منطقه ۲ اولویت‌بندی معابر برای لکه‌گیری و روکش آسفالت را بر اساس حجم "
                    "تردد و گزارش‌های ثبت‌شده در سامانه ۱۳۷ ارائه کرد."
                ),
                "kind": "report",
                "presenter": "d2_manager",
                "is_public": True,
                "discussion": (
                    "خبرنگاران خواستند برنامه آسفالت به تفکیک خیابان و هفته اعلام شود تا شهروندان "
                    "بدانند نوبت محله‌شان چه زمانی است. مدیر منطقه پذیرفت که برنامه هر منطقه در "
                    "درگاه شهرداری منتشر شود."
                ),
                "answer": "",
            },
        ],
        "absent": [],
        "excused": ["setareh_rep"],
        "excuses": {"setareh_rep": "پوشش خبری جلسه شورای شهر در همان ساعت"},
        "guests": ["dep_services"],
        "chair": "dep_civil",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "در روزهای هشدار هواشناسی، دو دستگاه پمپ سیار و یک اکیپ واکنش سریع در محدوده "
                    "بلوار گیلان و گلسار مستقر شود و شماره تماس اکیپ از طریق سامانه ۱۳۷ "
                    "اطلاع‌رسانی شود."
                ),
                "agenda": 1,
                "responsible_org": "deputy_civil",
                "responsible_person": "dep_civil",
                "deadline_days": 30,
                "status": "done",
                "is_public": True,
                "vote": "unanimous",
            },
            {
                "text": (
                    "فهرست ترانشه‌های باز شرکت‌های خدمات‌رسان همراه با نام دستگاه حفار و مهلت "
                    "ترمیم، هر ماه در اختیار اعضای رسانه‌ای کارگروه قرار گیرد."
                ),
                "agenda": 2,
                "responsible_org": "deputy_civil",
                "responsible_person": "d2_manager",
                "deadline_days": 30,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "برنامه زمان‌بندی لکه‌گیری و روکش آسفالت به تفکیک منطقه و خیابان در درگاه "
                    "شهرداری منتشر شود."
                ),
                "agenda": 3,
                "responsible_org": "district2",
                "responsible_person": "d2_manager",
                "deadline_days": 14,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "گزارش توجیهی احداث کانال موازی جمع‌آوری آب‌های سطحی گلسار همراه با برآورد "
                    "هزینه و زمان اجرا به کارگروه ارائه شود."
                ),
                "agenda": 1,
                "responsible_org": "deputy_civil",
                "responsible_person": "dep_civil",
                "deadline_days": 90,
                "status": "open",
                "is_public": True,
            },
        ],
        "summary": (
            "جلسه با گزارش معاون عمرانی از لایروبی کانال‌ها و اصلاح ۲۷ نقطه از ۴۲ نقطه آب‌گیر سال "
            "گذشته آغاز شد. پرسش خبرنگاران درباره آب‌گرفتگی مکرر گلسار به بحث درباره ظرفیت ناکافی "
            "کانال اصلی و طرح کانال موازی انجامید و استقرار پمپ سیار در روزهای هشدار تصویب شد. "
            "موضوع ترانشه‌های رهاشده شرکت‌های خدمات‌رسان نیز مطرح شد و قرار شد فهرست آن‌ها ماهانه "
            "در اختیار رسانه‌ها قرار گیرد. در پایان، انتشار برنامه لکه‌گیری و روکش آسفالت به تفکیک "
            "منطقه مصوب شد."
        ),
        "minutes_status": "published",
    },
    # Workgroup 1, held (127 days ago).
    {
        "key": "wg1_tourism",
        "workgroup": 1,
        "days_from_today": -127,
        "start": "10:00",
        "duration_minutes": 90,
        "status": "held",
        "cancellation_reason": "",
        "title": "خدمات گردشگری مرکز شهر و برنامه‌های پیاده‌راه فرهنگی در ایام تعطیلات",
        "location": "سالن اجتماعات سازمان فرهنگی، اجتماعی و ورزشی شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش برنامه‌های فرهنگی پیاده‌راه فرهنگی و میدان شهرداری",
                "description": (
                    "مدیرعامل سازمان فرهنگی، اجتماعی و ورزشی برنامه‌های موسیقی خیابانی، نمایشگاه "
                    "کتاب و اجراهای آیینی پیاده‌راه را معرفی کرد."
                ),
                "kind": "report",
                "presenter": "culture_ceo",
                "is_public": True,
                "discussion": (
                    "در گزارش آمد که در یک ماه گذشته ۲۳ برنامه در پیاده‌راه فرهنگی اجرا شده است. "
                    "خبرنگاران گفتند بسیاری از این برنامه‌ها دیر اطلاع‌رسانی می‌شوند و رسانه‌ها "
                    "فرصت پوشش پیشاپیش آن‌ها را ندارند."
                ),
                "answer": "",
            },
            {
                "title": "سرویس‌های بهداشتی و تابلوهای راهنمای گردشگری در مرکز شهر",
                "description": (
                    "خبرنگار روزنامه آوای گوهررود پرسید چرا مسافران در اطراف میدان شهرداری و بازار "
                    "رشت سرویس بهداشتی مناسب و تابلوی راهنمای قابل فهم پیدا نمی‌کنند."
                ),
                "kind": "question",
                "presenter": "gohar_rep",
                "is_public": True,
                "discussion": (
                    "عضو هفته‌نامه کوچه‌باغ افزود که تابلوهای موجود فقط فارسی‌اند و برای گردشگران "
                    "خارجی کاربردی ندارند."
                ),
                "answer": (
                    "مدیر منطقه ۱ گفت سرویس بهداشتی پیاده‌راه بازسازی شده و هفته آینده باز می‌شود "
                    "و منطقه ۱ نصب نقشه‌های گردشگری دوزبانه در ورودی بازار و پیاده‌راه را در "
                    "برنامه دارد."
                ),
            },
            {
                "title": "ایده‌های رسانه‌ای برای معرفی رشت به‌عنوان شهر خلاق خوراک",
                "description": (
                    "خبرنگار روزنامه روشن‌راه پیشنهاد کرد رسانه‌های عضو با همراهی شهرداری "
                    "مجموعه‌ای از گزارش‌ها درباره غذاهای محلی و آشپزخانه‌های قدیمی بازار تهیه "
                    "کنند."
                ),
                "kind": "other",
                "presenter": "roshan_rep",
                "is_public": True,
                "discussion": (
                    "اعضا درباره گزارش‌هایی از میرزاقاسمی، باقلاقاتق و ماهی شکم‌پر و معرفی مسیر "
                    "پیاده خوراک در بازار رشت گفتگو کردند. معاون فرهنگی و اجتماعی از ایده استقبال "
                    "کرد و هماهنگی با صنف رستوران‌داران و بازاریان را بر عهده گرفت."
                ),
                "answer": "",
            },
            {
                "title": "کمبود برنامه برای کودکان و سالمندان در فضاهای فرهنگی",
                "description": (
                    "خبرنگار هفته‌نامه باران‌سرا گفت بیشتر برنامه‌های فرهنگی شهر برای جوانان طراحی "
                    "شده و خانواده‌های دارای کودک و سالمندان سهم کمی از آن‌ها دارند."
                ),
                "kind": "problem",
                "presenter": "baran_rep",
                "is_public": True,
                "discussion": (
                    "مدیرعامل سازمان فرهنگی پذیرفت که برنامه‌های ویژه کودکان محدود است و گفت در "
                    "برنامه ماه بعد دو عصر در هفته به کودکان اختصاص می‌یابد."
                ),
                "answer": "",
            },
        ],
        "absent": ["tirang_photo"],
        "excused": [],
        "guests": [],
        "chair": "dep_culture",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "نقشه و راهنمای گردشگری دوزبانه مرکز شهر در چهار نقطه پیاده‌راه فرهنگی، میدان "
                    "شهرداری و ورودی بازار نصب شود."
                ),
                "agenda": 1,
                "responsible_org": "district1",
                "responsible_person": "d1_manager",
                "deadline_days": 45,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "سازمان فرهنگی، اجتماعی و ورزشی تقویم ماهانه برنامه‌های پیاده‌راه را دست‌کم یک "
                    "هفته پیش از آغاز هر ماه برای خبرنگاران عضو کارگروه ارسال کند."
                ),
                "agenda": 0,
                "responsible_org": "culture_org",
                "responsible_person": "culture_ceo",
                "deadline_days": 15,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "مجموعه گزارش‌های «سفره رشت» با همکاری رسانه‌های عضو و بازدید از آشپزخانه‌های "
                    "محلی بازار تهیه شود و معاونت فرهنگی و اجتماعی هماهنگی‌های لازم را انجام دهد."
                ),
                "agenda": 2,
                "responsible_org": "deputy_culture",
                "responsible_person": "dep_culture",
                "deadline_days": 60,
                "status": "in_progress",
                "is_public": True,
            },
        ],
        "summary": (
            "کارگروه فرهنگی، اجتماعی و گردشگری برنامه‌های پیاده‌راه فرهنگی و میدان شهرداری را "
            "بررسی کرد و خبرنگاران از دیرهنگام بودن اطلاع‌رسانی برنامه‌ها انتقاد کردند. پرسش "
            "درباره سرویس‌های بهداشتی و تابلوهای راهنمای گردشگری مرکز شهر مطرح شد و مدیر منطقه ۱ "
            "از بازگشایی سرویس بازسازی‌شده و نصب نقشه‌های دوزبانه خبر داد. پیشنهاد تهیه مجموعه "
            "گزارش «سفره رشت» برای معرفی شهر خلاق خوراک با استقبال اعضا تصویب شد. کمبود برنامه "
            "برای کودکان و سالمندان نیز مطرح شد و سازمان فرهنگی قول اختصاص عصرهای ویژه کودکان را "
            "داد."
        ),
        "minutes_status": "published",
    },
    # Workgroup 4, held (120 days ago).
    {
        "key": "wg4_waste",
        "workgroup": 4,
        "days_from_today": -120,
        "start": "09:00",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "ساماندهی جمع‌آوری پسماند محله‌ها و وضعیت تصفیه شیرابه مرکز دفن سراوان",
        "location": "سالن جلسات سازمان مدیریت پسماند شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش روند تصفیه شیرابه و اقدامات مرکز دفن سراوان",
                "description": (
                    "مدیرعامل سازمان مدیریت پسماند از حجم پسماند ورودی روزانه، ظرفیت تصفیه‌خانه "
                    "شیرابه و برنامه پوشش خاکی سلول‌های دفن گزارش داد."
                ),
                "kind": "report",
                "presenter": "waste_ceo",
                "is_public": True,
                "discussion": (
                    "به گفته مدیرعامل، روزانه حدود ۸۰۰ تن پسماند از رشت به سراوان منتقل می‌شود و "
                    "ظرفیت تصفیه شیرابه با راه‌اندازی واحد دوم افزایش یافته است. خبرنگاران خواستند "
                    "آمار شیرابه تصفیه‌شده به‌صورت منظم منتشر شود و امکان بازدید میدانی فراهم شود."
                ),
                "answer": "",
            },
            {
                "title": "چرا ساعت جمع‌آوری پسماند در برخی محله‌ها رعایت نمی‌شود؟",
                "description": (
                    "خبرنگار خبرگزاری تیرنگ پرسید چرا با وجود اعلام ساعت ۲۱ تا ۲۳ برای گذاشتن "
                    "پسماند، ماشین‌های جمع‌آوری در برخی محله‌ها پیش از این ساعت یا فردای آن روز "
                    "می‌رسند."
                ),
                "kind": "question",
                "presenter": "tirang_rep",
                "is_public": True,
                "discussion": (
                    "خبرنگار پایگاه خبری بیجار هم از شکایت ساکنان محله‌های حاشیه شهر در همین زمینه "
                    "گفت."
                ),
                "answer": (
                    "معاون خدمات شهری گفت بخشی از مسیرها پس از جابه‌جایی پیمانکاران تغییر کرده و "
                    "هنوز برای ساکنان اعلام نشده است؛ زمان‌بندی هر محله روی مخازن و در سامانه ۱۳۷ "
                    "درج خواهد شد."
                ),
            },
            {
                "title": "انباشت پسماند در حاشیه رودخانه‌های زرجوب و گوهررود",
                "description": (
                    "خبرنگار روزنامه پیک لاکان با ارائه تصاویر از حاشیه زرجوب و گوهررود در محدوده "
                    "پل‌های شهری، از انباشت پسماند و نخاله ساختمانی گفت."
                ),
                "kind": "problem",
                "presenter": "lakan_rep",
                "is_public": True,
                "discussion": (
                    "اعضا گفتند بخشی از مشکل به تخلیه شبانه نخاله برمی‌گردد و بدون گشت‌های منظم حل "
                    "نمی‌شود. معاون خدمات شهری پاک‌سازی دوره‌ای و انتشار گزارش تصویری آن را "
                    "پذیرفت."
                ),
                "answer": "",
            },
            {
                "title": "تجربه مخازن زیرزمینی پسماند در منطقه ۲",
                "description": (
                    "مدیر منطقه ۲ که به‌عنوان مدعو حضور داشت، نتایج شش‌ماهه استفاده از مخازن "
                    "زیرزمینی در دو خیابان پرتردد این منطقه را ارائه کرد."
                ),
                "kind": "report",
                "presenter": "d2_manager",
                "is_public": True,
                "discussion": (
                    "به گفته مدیر منطقه، شکایت‌های مربوط به بوی پسماند در این دو خیابان کاهش یافته "
                    "اما هزینه نگهداری مخازن بالاست. کارگروه تصمیم درباره گسترش طرح را به پس از "
                    "بررسی هزینه‌ها موکول کرد."
                ),
                "answer": "",
            },
        ],
        "absent": [],
        "excused": ["d4_manager"],
        "guests": ["d2_manager"],
        "chair": "dep_services",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "زمان‌بندی جمع‌آوری پسماند هر محله روی مخازن نصب و در سامانه ۱۳۷ و درگاه "
                    "شهرداری درج شود."
                ),
                "agenda": 1,
                "responsible_org": "waste",
                "responsible_person": "waste_ceo",
                "deadline_days": 30,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "پاک‌سازی حاشیه رودخانه‌های زرجوب و گوهررود در محدوده پل‌های شهری هر دو هفته "
                    "یک‌بار انجام و گزارش تصویری آن منتشر شود."
                ),
                "agenda": 2,
                "responsible_org": "deputy_services",
                "responsible_person": "dep_services",
                "deadline_days": 20,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "بازدید خبرنگاران عضو کارگروه از تصفیه‌خانه شیرابه و سلول‌های دفن مرکز سراوان "
                    "برنامه‌ریزی و برگزار شود."
                ),
                "agenda": 0,
                "responsible_org": "waste",
                "responsible_person": "secretariat_staff",
                "deadline_days": 21,
                "status": "done",
                "is_public": True,
            },
        ],
        "summary": (
            "کارگروه خدمات شهری گزارش سازمان مدیریت پسماند درباره حجم ۸۰۰ تنی پسماند روزانه و "
            "افزایش ظرفیت تصفیه شیرابه در سراوان را شنید. خبرنگاران از رعایت نشدن ساعت جمع‌آوری "
            "پسماند در برخی محله‌ها پرسیدند و مقرر شد زمان‌بندی هر محله روی مخازن و در سامانه ۱۳۷ "
            "اعلام شود. انباشت پسماند و نخاله در حاشیه زرجوب و گوهررود با ارائه تصاویر مطرح و "
            "پاک‌سازی دوبار در ماه تصویب شد. همچنین بازدید رسانه‌ها از مرکز دفن سراوان در دستور "
            "کار قرار گرفت."
        ),
        "minutes_status": "published",
    },
    # Workgroup 3, held (113 days ago).
    {
        "key": "wg3_permits",
        "workgroup": 3,
        "days_from_today": -113,
        "start": "11:00",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "شفافیت آرای کمیسیون ماده صد و کوتاه کردن روند صدور پروانه ساختمانی",
        "location": "سالن جلسات معاونت شهرسازی و معماری شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش عملکرد صدور پروانه و گواهی پایان‌کار",
                "description": (
                    "معاون شهرسازی و معماری آمار پروانه‌های صادرشده، پرونده‌های در جریان و میانگین "
                    "زمان صدور پروانه در سه ماه گذشته را ارائه کرد."
                ),
                "kind": "report",
                "presenter": "dep_urban",
                "is_public": True,
                "discussion": (
                    "طبق گزارش، در سه ماه گذشته ۴۱۲ پروانه ساختمانی صادر شده و میانگین زمان صدور "
                    "از ۷۵ روز به ۵۸ روز رسیده است. اعضای رسانه‌ای پرسیدند چه سهمی از این زمان صرف "
                    "استعلام از دستگاه‌های دیگر می‌شود."
                ),
                "answer": "",
            },
            {
                "title": "چرا آرای کمیسیون ماده صد به‌صورت عمومی منتشر نمی‌شود؟",
                "description": (
                    "سردبیر پایگاه خبری رشت‌نما پرسید چرا شهروندان و رسانه‌ها از تعداد و نوع آرای "
                    "کمیسیون ماده صد، از تخریب تا جریمه، اطلاعی ندارند."
                ),
                "kind": "question",
                "presenter": "rashtnama_ed",
                "is_public": True,
                "discussion": (
                    "نماینده روزنامه ستاره دشت گفت انتشار آمار می‌تواند به کاهش تخلفات ساختمانی "
                    "کمک کند."
                ),
                "answer": (
                    "مدیرکل حقوقی پاسخ داد متن کامل آرا شامل اطلاعات شخصی مالکان است و منتشر "
                    "نمی‌شود، اما خلاصه آماری آرا به تفکیک نوع رأی و منطقه، بدون نام و نشانی، "
                    "می‌تواند هر سه ماه منتشر شود."
                ),
            },
            {
                "title": "طولانی شدن استعلام‌ها در روند صدور پروانه",
                "description": (
                    "مدیرمسئول هفته‌نامه باران‌سرا از شکایت متقاضیانی گفت که پرونده‌شان ماه‌ها در "
                    "انتظار پاسخ استعلام‌های برق، گاز و منابع طبیعی مانده است."
                ),
                "kind": "problem",
                "presenter": "baran_md",
                "is_public": True,
                "discussion": (
                    "معاون شهرسازی گفت شهرداری بر زمان پاسخ دستگاه‌های دیگر اختیاری ندارد اما "
                    "می‌تواند فهرست استعلام‌ها و مهلت قانونی هر یک را شفاف کند. اعضا پیشنهاد کردند "
                    "راهنمای ساده‌ای برای متقاضیان تهیه شود."
                ),
                "answer": "",
            },
            {
                "title": "پیگیری برخط پرونده‌های شهرسازی با کد رهگیری",
                "description": (
                    "مدیرعامل سازمان فناوری اطلاعات و ارتباطات طرح پیگیری برخط مراحل پرونده پروانه "
                    "با کد رهگیری پیامکی را معرفی کرد."
                ),
                "kind": "report",
                "presenter": "ict_ceo",
                "is_public": True,
                "discussion": (
                    "قرار است متقاضی در هر مرحله، از بازدید کارشناس تا صدور فیش عوارض، پیامک "
                    "دریافت کند. خبرنگاران خواستند تاریخ راه‌اندازی اعلام و پس از آن گزارش عملکرد "
                    "ارائه شود."
                ),
                "answer": "",
            },
        ],
        "absent": ["gohar_ed"],
        "excused": [],
        "guests": ["ict_ceo"],
        "chair": "dep_urban",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "خلاصه آماری آرای کمیسیون ماده صد به تفکیک نوع رأی و منطقه، بدون ذکر مشخصات "
                    "مالکان، هر سه ماه یک‌بار در درگاه شهرداری منتشر شود."
                ),
                "agenda": 1,
                "responsible_org": "legal",
                "responsible_person": "legal_director",
                "deadline_days": 30,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "امکان پیگیری برخط مراحل پرونده پروانه ساختمانی با کد رهگیری و اطلاع‌رسانی "
                    "پیامکی برای متقاضیان فعال شود."
                ),
                "agenda": 3,
                "responsible_org": "ict",
                "responsible_person": "ict_ceo",
                "deadline_days": 60,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "راهنمای ساده‌ای شامل فهرست استعلام‌های لازم برای صدور پروانه و مهلت قانونی "
                    "پاسخ هر دستگاه تهیه و برای شهروندان منتشر شود."
                ),
                "agenda": 2,
                "responsible_org": "deputy_urban",
                "responsible_person": "dep_urban",
                "deadline_days": 30,
                "status": "open",
                "is_public": True,
            },
        ],
        "summary": (
            "معاون شهرسازی و معماری از صدور ۴۱۲ پروانه در سه ماه گذشته و کاهش میانگین زمان صدور به "
            "۵۸ روز گزارش داد. پرسش خبرنگاران درباره منتشر نشدن آرای کمیسیون ماده صد به توافق بر "
            "سر انتشار فصلی خلاصه آماری آرا بدون مشخصات مالکان انجامید. طولانی شدن استعلام‌ها از "
            "دستگاه‌های دیگر به‌عنوان مشکل اصلی متقاضیان مطرح شد و تهیه راهنمای استعلام‌ها مصوب "
            "شد. طرح پیگیری برخط پرونده‌ها با کد رهگیری نیز معرفی و برای اجرا به سازمان فناوری "
            "اطلاعات سپرده شد."
        ),
        "minutes_status": "published",
    },
    # Workgroup 5, held (106 days ago).
    {
        "key": "wg5_investment",
        "workgroup": 5,
        "days_from_today": -106,
        "start": "10:30",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "فرصت‌های سرمایه‌گذاری شهری و گزارش تحقق درآمدهای پایدار شهرداری",
        "location": "سالن جلسات سازمان سرمایه‌گذاری و مشارکت‌های مردمی شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "معرفی فرصت‌های سرمایه‌گذاری اولویت‌دار شهر",
                "description": (
                    "مدیرعامل سازمان سرمایه‌گذاری فهرست پروژه‌های آماده واگذاری از جمله "
                    "پارکینگ‌های طبقاتی مرکز شهر، بازارچه محلی غذا و مجموعه تفریحی حاشیه رودخانه "
                    "را معرفی کرد."
                ),
                "kind": "report",
                "presenter": "invest_ceo",
                "is_public": True,
                "discussion": (
                    "در گزارش آمد که ۹ پروژه با برآورد اولیه آماده معرفی به سرمایه‌گذاران است و دو "
                    "پروژه در مرحله مذاکره قرار دارد. خبرنگاران خواستند شرایط واگذاری و سهم "
                    "شهرداری در هر پروژه به زبان ساده منتشر شود."
                ),
                "answer": "",
            },
            {
                "title": "سهم درآمدهای پایدار در بودجه شهرداری چقدر است؟",
                "description": (
                    "مدیر دفتر خبرگزاری راه‌نگار پرسید چه سهمی از درآمد شهرداری از عوارض ساخت‌وساز "
                    "و فروش تراکم است و برای افزایش درآمدهای پایدار چه برنامه‌ای وجود دارد."
                ),
                "kind": "question",
                "presenter": "rahnegar_head",
                "is_public": True,
                "discussion": (
                    "سردبیر روزنامه آوای گوهررود افزود که بدون گزارش منظم تحقق بودجه، ارزیابی این "
                    "ادعاها برای رسانه‌ها ممکن نیست."
                ),
                "answer": (
                    "معاون برنامه‌ریزی، توسعه و امور اقتصادی گفت هنوز بیش از نیمی از درآمد به "
                    "ساخت‌وساز وابسته است و برنامه شهرداری افزایش سهم عوارض نوسازی، درآمد "
                    "پارکینگ‌ها و اجاره دارایی‌هاست؛ گزارش تحقق درآمد هم از این پس فصلی منتشر "
                    "می‌شود."
                ),
            },
            {
                "title": "مذاکره با سرمایه‌گذار پروژه پارکینگ طبقاتی درباره اصلاح قرارداد مشارکت",
                "description": (
                    "گزارش مدیرعامل سازمان سرمایه‌گذاری از درخواست سرمایه‌گذار برای تمدید مهلت "
                    "ساخت و تغییر سهم طرفین در قرارداد مشارکت."
                ),
                "kind": "other",
                "presenter": "invest_ceo",
                "is_public": False,
                "discussion": (
                    "به دلیل جریان داشتن مذاکره و محرمانه بودن شرایط مالی پیشنهادی، این بند "
                    "غیرعمومی ثبت شد. اعضا بر لزوم بررسی حقوقی هر تغییر پیش از امضا تأکید کردند و "
                    "قرار شد پس از نهایی شدن، خلاصه‌ای از نتیجه به رسانه‌ها اعلام شود."
                ),
                "answer": "",
            },
            {
                "title": "تأخیر در انتشار گزارش‌های عملکرد بودجه",
                "description": (
                    "سردبیر روزنامه آوای گوهررود گفت آخرین گزارش عملکرد بودجه شهرداری که در دسترس "
                    "عموم است مربوط به سال گذشته است."
                ),
                "kind": "problem",
                "presenter": "gohar_ed",
                "is_public": True,
                "discussion": (
                    "معاون برنامه‌ریزی پذیرفت که گزارش‌ها دیر منتشر شده‌اند و گفت قالب ساده‌تری با "
                    "نمودار برای گزارش فصلی طراحی می‌شود."
                ),
                "answer": "",
            },
        ],
        "absent": [],
        "excused": ["kouche_ed"],
        "guests": [],
        "chair": "dep_planning",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "متن نهایی اصلاحیه قرارداد مشارکت پارکینگ طبقاتی پیش از امضا به تأیید اداره کل "
                    "حقوقی برسد و تا آن زمان جزئیات مذاکره منتشر نشود."
                ),
                "agenda": 2,
                "responsible_org": "investment",
                "responsible_person": "invest_ceo",
                "deadline_days": 30,
                "status": "done",
                "is_public": False,
            },
            {
                "text": (
                    "گزارش خلاصه تحقق درآمد و هزینه شهرداری هر سه ماه یک‌بار با نمودارهای ساده در "
                    "درگاه شهرداری منتشر شود."
                ),
                "agenda": 3,
                "responsible_org": "deputy_planning",
                "responsible_person": "dep_planning",
                "deadline_days": 45,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "بسته معرفی فرصت‌های سرمایه‌گذاری رشت به دو زبان فارسی و انگلیسی تهیه و در "
                    "اختیار رسانه‌ها قرار گیرد."
                ),
                "agenda": 0,
                "responsible_org": "investment",
                "responsible_person": "invest_ceo",
                "deadline_days": 60,
                "status": "done",
                "is_public": True,
            },
        ],
        "summary": (
            "کارگروه اقتصادی ۹ فرصت سرمایه‌گذاری آماده واگذاری، از پارکینگ‌های طبقاتی تا بازارچه "
            "محلی غذا، را بررسی کرد و تهیه بسته معرفی دوزبانه آن‌ها تصویب شد. در پاسخ به پرسش "
            "خبرنگاران، معاون برنامه‌ریزی از وابستگی بیش از نیمی از درآمد شهرداری به ساخت‌وساز و "
            "برنامه افزایش درآمدهای پایدار گفت. تأخیر در انتشار گزارش عملکرد بودجه مطرح شد و "
            "انتشار فصلی گزارش تحقق درآمد و هزینه با قالب ساده مصوب شد. یک بند مربوط به مذاکره "
            "قراردادی به دلیل محرمانه بودن به‌صورت غیرعمومی بررسی شد."
        ),
        "minutes_status": "published",
    },
    # Workgroup 2, held (92 days ago).
    {
        "key": "wg2_transit",
        "workgroup": 2,
        "days_from_today": -92,
        "start": "10:00",
        "duration_minutes": 150,
        "status": "held",
        "cancellation_reason": "",
        "title": "مطالعات قطار شهری و اتوبوس تندرو، بلیت الکترونیک و گره ترافیکی گلسار و منظریه",
        "location": "سالن اجتماعات سازمان حمل و نقل و ترافیک شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "آخرین وضعیت مطالعات قطار شهری سبک و خط اتوبوس تندرو",
                "description": (
                    "مدیرعامل سازمان حمل و نقل و ترافیک مراحل انجام‌شده مطالعات قطار شهری سبک "
                    "(تراموا) و طرح نخستین خط اتوبوس تندرو رشت را گزارش کرد."
                ),
                "kind": "report",
                "presenter": "official2",
                "is_public": True,
                "discussion": (
                    "مطالعات مرحله اول قطار شهری به پایان رسیده و دو مسیر پیشنهادی در حال مقایسه "
                    "است. معاون شهرسازی و معماری که به‌عنوان مدعو حضور داشت، گفت کاربری‌های "
                    "پیرامون ایستگاه‌ها باید هم‌زمان در بازنگری طرح تفصیلی دیده شود."
                ),
                "answer": "",
            },
            {
                "title": "خط اتوبوس تندرو چه زمانی راه می‌افتد و هزینه آن چقدر است؟",
                "description": (
                    "نماینده روزنامه ستاره دشت در گیلان پرسید برای نخستین خط اتوبوس تندرو چه زمانی "
                    "پیش‌بینی شده و اعتبار آن از کجا تأمین می‌شود."
                ),
                "kind": "question",
                "presenter": "setareh_rep",
                "is_public": True,
                "discussion": (
                    "خبرنگاران یادآوری کردند که وعده راه‌اندازی اتوبوس تندرو پیش‌تر هم داده شده "
                    "بود و خواستند زمان‌بندی واقع‌بینانه اعلام شود."
                ),
                "answer": (
                    "مدیرعامل سازمان حمل و نقل گفت طراحی تفصیلی خط نخست تا پایان سال تمام می‌شود و "
                    "اجرای آن به تأمین اعتبار از محل بودجه عمرانی و کمک‌های ملی حمل و نقل عمومی "
                    "بستگی دارد؛ پیش از قطعی شدن اعتبار، تاریخ بهره‌برداری اعلام نخواهد شد."
                ),
            },
            {
                "title": "ترافیک سنگین شامگاهی بلوار گیلان و تقاطع منظریه",
                "description": (
                    "خبرنگار پایگاه خبری رشت‌نما با ارائه زمان سفر ثبت‌شده در ساعت‌های اوج، از "
                    "صف‌های طولانی خودرو در بلوار گیلان و تقاطع منظریه گفت."
                ),
                "kind": "problem",
                "presenter": "rashtnama_rep",
                "is_public": True,
                "discussion": (
                    "مدیرعامل سازمان حمل و نقل توضیح داد زمان‌بندی چراغ‌های این محور با حجم تردد "
                    "فعلی هماهنگ نیست و اصلاح هندسی دهانه تقاطع منظریه طراحی شده است. اعضا خواستند "
                    "نتیجه اجرای طرح با آمار قبل و بعد گزارش شود."
                ),
                "answer": "",
            },
            {
                "title": "چرا کارت بلیت اتوبوس در برخی خطوط کار نمی‌کند؟",
                "description": (
                    "خبرنگار خبرگزاری راه‌نگار پرسید چرا دستگاه‌های کارت‌خوان بلیت در چند خط "
                    "پرتردد خراب است و مسافران مجبور به پرداخت نقدی می‌شوند."
                ),
                "kind": "question",
                "presenter": "press2",
                "is_public": True,
                "discussion": (
                    "دبیر سرویس شهری روزنامه پیک لاکان هم خواستار امکان پرداخت با کارت بانکی و "
                    "تلفن همراه شد."
                ),
                "answer": (
                    "مدیرعامل سازمان حمل و نقل گفت قرارداد پشتیبانی دستگاه‌های قدیمی تمدید نشده "
                    "بود و اکنون پیمانکار جدید در حال عیب‌یابی است؛ پرداخت با کارت بانکی هم ابتدا "
                    "در ۱۰ خط پرتردد فعال می‌شود."
                ),
            },
        ],
        "absent": ["bijar_rep"],
        "excused": [],
        "guests": ["dep_urban"],
        "chair": "dep_civil",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "طرح اصلاح هندسی تقاطع منظریه و زمان‌بندی جدید چراغ‌های بلوار گیلان اجرا و "
                    "نتیجه آن با آمار قبل و بعد به کارگروه گزارش شود."
                ),
                "agenda": 2,
                "responsible_org": "transport",
                "responsible_person": "official2",
                "deadline_days": 45,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "دستگاه‌های بلیت الکترونیک اتوبوس‌ها در همه خطوط عیب‌یابی شود و امکان پرداخت "
                    "با کارت بانکی در ۱۰ خط پرتردد فعال شود."
                ),
                "agenda": 3,
                "responsible_org": "transport",
                "responsible_person": "official2",
                "deadline_days": 60,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "خلاصه گزارش مطالعات قطار شهری با جدول زمان‌بندی مراحل بعدی در اختیار رسانه‌ها "
                    "قرار گیرد و در یک نشست خبری تشریح شود."
                ),
                "agenda": 0,
                "responsible_org": "transport",
                "responsible_person": "dep_civil",
                "deadline_days": 30,
                "status": "open",
                "is_public": True,
            },
        ],
        "summary": (
            "کارگروه عمرانی و ترافیکی گزارش پایان مرحله اول مطالعات قطار شهری سبک و طراحی نخستین "
            "خط اتوبوس تندرو را شنید. خبرنگاران درباره زمان راه‌اندازی اتوبوس تندرو و منبع تأمین "
            "اعتبار آن پرسیدند و مسئولان گفتند تاریخ بهره‌برداری پس از قطعی شدن اعتبار اعلام "
            "می‌شود. ترافیک شامگاهی بلوار گیلان و تقاطع منظریه بررسی و اجرای طرح اصلاح هندسی و "
            "زمان‌بندی چراغ‌ها تصویب شد. مشکل کارت‌خوان‌های بلیت اتوبوس نیز مطرح و عیب‌یابی "
            "دستگاه‌ها و فعال شدن پرداخت با کارت بانکی در ۱۰ خط مصوب شد."
        ),
        "minutes_status": "published",
    },
    # Workgroup 1, held (78 days ago).
    {
        "key": "wg1_gastronomy",
        "workgroup": 1,
        "days_from_today": -78,
        "start": "14:30",
        "duration_minutes": 90,
        "status": "held",
        "cancellation_reason": "",
        "title": "رویدادهای شهر خلاق خوراک و برنامه‌های فرهنگی محله‌ها",
        "location": "سالن کنفرانس عمارت تاریخی شهرداری، میدان شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش جشنواره خوراک محلی و برنامه‌های شهر خلاق",
                "description": (
                    "معاون فرهنگی و اجتماعی گزارش برگزاری جشنواره سه‌روزه خوراک محلی در پیاده‌راه "
                    "فرهنگی و برنامه‌های مشترک با شهرهای خلاق دیگر را ارائه کرد."
                ),
                "kind": "report",
                "presenter": "dep_culture",
                "is_public": True,
                "discussion": (
                    "در جشنواره ۶۴ غرفه از آشپزهای خانگی و رستوران‌های محلی حضور داشتند و برآورد "
                    "شهرداری از بازدیدکنندگان حدود ۴۵ هزار نفر است. خبرنگاران پرسیدند آیا این آمار "
                    "با روش مشخصی شمارش شده و خواستند گزارش تصویری و آماری جشنواره در اختیارشان "
                    "قرار گیرد."
                ),
                "answer": "",
            },
            {
                "title": "چرا برنامه‌های فرهنگی به مرکز شهر محدود مانده است؟",
                "description": (
                    "سردبیر هفته‌نامه کوچه‌باغ پرسید چرا تقریباً همه برنامه‌های فرهنگی شهرداری در "
                    "پیاده‌راه و میدان شهرداری برگزار می‌شود و محله‌های مناطق حاشیه‌ای سهمی "
                    "ندارند."
                ),
                "kind": "question",
                "presenter": "kouche_ed",
                "is_public": True,
                "discussion": (
                    "خبرنگار روزنامه آوای گوهررود نمونه‌هایی از بوستان‌های محله‌ای را نام برد که "
                    "ظرفیت برگزاری برنامه دارند اما بی‌استفاده مانده‌اند."
                ),
                "answer": (
                    "مدیرعامل سازمان فرهنگی، اجتماعی و ورزشی گفت برنامه «فرهنگ در محله» با اجرای "
                    "دست‌کم دو برنامه در ماه در بوستان‌های مناطق ۳، ۴ و ۵ طراحی شده و از ماه آینده "
                    "آغاز می‌شود."
                ),
            },
            {
                "title": "محدودیت عکاسی و تصویربرداری خبری در برخی رویدادهای شهرداری",
                "description": (
                    "عکاس خبری خبرگزاری تیرنگ گفت در دو رویداد اخیر، عوامل اجرایی بدون اطلاع قبلی "
                    "مانع عکاسی خبرنگاران شده‌اند."
                ),
                "kind": "problem",
                "presenter": "tirang_photo",
                "is_public": True,
                "discussion": (
                    "مدیر روابط عمومی که به‌عنوان مدعو حضور داشت، این برخوردها را خلاف رویه "
                    "شهرداری دانست و گفت صدور کارت تردد یکسان برای خبرنگاران عضو کمیته و هماهنگی "
                    "با مجریان رویدادها در دستور کار قرار می‌گیرد."
                ),
                "answer": "",
            },
        ],
        "absent": [],
        "excused": ["roshan_rep"],
        "guests": ["pr_director"],
        "chair": "dep_culture",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "برای رویدادهای عمومی شهرداری کارت تردد خبرنگاری یکسان صادر شود و هر محدودیت "
                    "عکاسی فقط با اعلام قبلی روابط عمومی اعمال شود."
                ),
                "agenda": 2,
                "responsible_org": "pr",
                "responsible_person": "pr_director",
                "deadline_days": 20,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "برنامه «فرهنگ در محله» با اجرای دست‌کم دو برنامه در ماه در بوستان‌های مناطق "
                    "۳، ۴ و ۵ آغاز و گزارش ماهانه آن به کارگروه ارائه شود."
                ),
                "agenda": 1,
                "responsible_org": "culture_org",
                "responsible_person": "culture_ceo",
                "deadline_days": 30,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "گزارش تصویری و آماری جشنواره خوراک محلی همراه با روش برآورد تعداد "
                    "بازدیدکنندگان در اختیار رسانه‌ها قرار گیرد."
                ),
                "agenda": 0,
                "responsible_org": "deputy_culture",
                "responsible_person": "dep_culture",
                "deadline_days": 14,
                "status": "done",
                "is_public": True,
            },
        ],
        "summary": (
            "کارگروه گزارش جشنواره سه‌روزه خوراک محلی با ۶۴ غرفه را بررسی کرد و خبرنگاران خواستار "
            "روشن شدن روش شمارش بازدیدکنندگان شدند. پرسش درباره تمرکز برنامه‌های فرهنگی در مرکز "
            "شهر مطرح شد و سازمان فرهنگی از آغاز برنامه «فرهنگ در محله» در بوستان‌های مناطق ۳، ۴ و "
            "۵ خبر داد. محدودیت عکاسی خبری در برخی رویدادها نیز بررسی و صدور کارت تردد یکسان برای "
            "خبرنگاران تصویب شد."
        ),
        "minutes_status": "approved",
    },
    # Whole committee, held (63 days ago).
    {
        "key": "committee_review",
        "workgroup": None,
        "days_from_today": -63,
        "start": "09:00",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "ارزیابی سه‌ماهه عملکرد کارگروه‌ها و میزان تحقق مصوبات",
        "location": "اتاق جلسات مدیریت روابط عمومی و امور بین‌الملل شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش دبیرخانه از تحقق مصوبات کارگروه‌ها",
                "description": (
                    "کارشناس دبیرخانه وضعیت مصوبات کارگروه‌ها را به تفکیک انجام‌شده، در حال اجرا و "
                    "معوق ارائه کرد."
                ),
                "kind": "report",
                "presenter": "secretariat_staff",
                "is_public": True,
                "discussion": (
                    "از ۲۲ مصوبه ثبت‌شده در کارگروه‌ها، ۱۱ مصوبه انجام شده، ۷ مصوبه در حال اجراست "
                    "و ۴ مصوبه از مهلت خود گذشته است. اعضا خواستند وضعیت مصوبات برای شهروندان هم "
                    "در قالبی ساده قابل مشاهده باشد."
                ),
                "answer": "",
            },
            {
                "title": "آمادگی ستاد مدیریت بحران شهرداری برای فصل بارش",
                "description": (
                    "معاون عمرانی گزارش اقدامات انجام‌شده برای کاهش آب‌گرفتگی معابر و آمادگی "
                    "اکیپ‌های واکنش سریع را ارائه کرد."
                ),
                "kind": "report",
                "presenter": "dep_civil",
                "is_public": True,
                "discussion": (
                    "معاون عمرانی گفت لایروبی کانال‌های اصلی به پایان رسیده و استقرار پمپ‌های سیار "
                    "در گلسار آزمایش شده است. معاون خدمات شهری بر هماهنگی اکیپ‌های جمع‌آوری برگ با "
                    "ستاد بحران تأکید کرد."
                ),
                "answer": "",
            },
            {
                "title": "چرا پاسخ برخی پرسش‌های خبرنگاران بیش از ۷۲ ساعت طول می‌کشد؟",
                "description": (
                    "مدیر دفتر خبرگزاری راه‌نگار گفت با وجود مصوبه نشست آغازین، پاسخ چند پرسش "
                    "ثبت‌شده در دبیرخانه بیش از دو هفته طول کشیده است."
                ),
                "kind": "question",
                "presenter": "rahnegar_head",
                "is_public": True,
                "discussion": (
                    "مدیرمسئول هفته‌نامه باران‌سرا هم گفت برخی رابطان رسانه‌ای پاسخ را به تأیید "
                    "معاون موکول می‌کنند و همین باعث تأخیر می‌شود."
                ),
                "answer": (
                    "مدیر روابط عمومی پاسخ داد هنوز چند دستگاه رابط رسانه‌ای معرفی نکرده‌اند و "
                    "پرسش‌های آن‌ها از مسیر اداری عادی پاسخ می‌گیرد؛ فهرست دستگاه‌های دارای تأخیر "
                    "از این پس در هر جلسه کمیته ارائه می‌شود."
                ),
            },
            {
                "title": "پیشنهاد نشست خبری فصلی شهردار با اعضای رسانه‌ای کارگروه‌ها",
                "description": (
                    "مدیرمسئول هفته‌نامه باران‌سرا پیشنهاد کرد شهردار هر فصل در یک نشست خبری به "
                    "پرسش‌های اعضای رسانه‌ای همه کارگروه‌ها پاسخ دهد."
                ),
                "kind": "other",
                "presenter": "baran_md",
                "is_public": True,
                "discussion": (
                    "رؤسای کارگروه‌ها با پیشنهاد موافقت کردند و قرار شد دبیرخانه پرسش‌ها را "
                    "پیشاپیش از کارگروه‌ها جمع‌آوری کند تا نشست متمرکز و کوتاه باشد."
                ),
                "answer": "",
            },
        ],
        "absent": [],
        "excused": ["mayor"],
        "guests": ["rahnegar_head", "baran_md"],
        "chair": "pr_director",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "معاونت‌ها و سازمان‌هایی که بیش از نیمی از مصوبات آن‌ها معوق است، علت تأخیر و "
                    "برنامه جبران را تا جلسه بعد کمیته به دبیرخانه گزارش کنند."
                ),
                "agenda": 0,
                "responsible_org": "pr",
                "responsible_person": "secretariat_staff",
                "deadline_days": 30,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "نشست خبری فصلی شهردار با حضور اعضای رسانه‌ای کارگروه‌ها برگزار شود و پرسش‌ها "
                    "یک هفته پیش از نشست از کارگروه‌ها جمع‌آوری شود."
                ),
                "agenda": 3,
                "responsible_org": "pr",
                "responsible_person": "pr_director",
                "deadline_days": 60,
                "status": "open",
                "is_public": True,
            },
            {
                "text": (
                    "داشبورد پیگیری مصوبات کارگروه‌ها در درگاه شهرداری راه‌اندازی شود تا شهروندان "
                    "وضعیت هر مصوبه و دستگاه مسئول آن را ببینند."
                ),
                "agenda": 0,
                "responsible_org": "ict",
                "responsible_person": "ict_ceo",
                "deadline_days": 90,
                "status": "in_progress",
                "is_public": True,
            },
        ],
        "summary": (
            "نشست ارزیابی سه‌ماهه کمیته به دلیل مأموریت شهردار به ریاست مدیر روابط عمومی و امور "
            "بین‌الملل برگزار شد. دبیرخانه گزارش داد از ۲۲ مصوبه کارگروه‌ها ۱۱ مصوبه انجام شده و ۴ "
            "مصوبه از مهلت گذشته است و مقرر شد دستگاه‌های دارای مصوبات معوق علت تأخیر را گزارش "
            "کنند. معاون عمرانی از آمادگی ستاد مدیریت بحران برای فصل بارش گفت. تأخیر در پاسخ به "
            "پرسش‌های خبرنگاران بررسی شد و برگزاری نشست خبری فصلی شهردار و راه‌اندازی داشبورد "
            "پیگیری مصوبات به تصویب رسید."
        ),
        "minutes_status": "approved",
    },
    # Workgroup 4, cancelled (47 days ago).
    {
        "key": "wg4_cancelled",
        "workgroup": 4,
        "days_from_today": -47,
        "start": "10:00",
        "duration_minutes": 90,
        "status": "cancelled",
        "cancellation_reason": (
            "به دلیل صدور هشدار نارنجی بارش شدید و حضور معاون خدمات شهری و مدیرعامل سازمان مدیریت "
            "پسماند در ستاد مدیریت بحران شهر، جلسه لغو شد و موضوعات آن به جلسه بعد کارگروه موکول "
            "شد."
        ),
        "title": "آمادگی خدمات شهری برای فصل بارش و جمع‌آوری برگ درختان",
        "location": "سالن جلسات ساختمان مرکزی شهرداری رشت، طبقه سوم",
        "is_public": True,
        "agenda": [
            {
                "title": "برنامه اکیپ‌های جمع‌آوری برگ و رفت‌وروب در فصل بارش",
                "description": (
                    "معاون خدمات شهری قرار بود برنامه نوبت‌کاری اکیپ‌های جمع‌آوری برگ در معابر "
                    "اصلی را ارائه کند."
                ),
                "kind": "report",
                "presenter": "dep_services",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "پیشرفت طرح تفکیک پسماند از مبدأ در منطقه ۴",
                "description": (
                    "مدیر منطقه ۴ قرار بود نتایج نخستین ماه‌های اجرای طرح تفکیک از مبدأ را گزارش "
                    "کند."
                ),
                "kind": "report",
                "presenter": "d4_manager",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "بوی نامطبوع ایستگاه‌های موقت انتقال پسماند",
                "description": (
                    "شکایت ساکنان محله‌های مجاور ایستگاه‌های موقت انتقال پسماند که خبرنگاران عضو "
                    "کارگروه پیگیری کرده‌اند."
                ),
                "kind": "problem",
                "presenter": "gohar_rep",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
        ],
        "absent": [],
        "excused": [],
        "guests": [],
        "chair": "dep_services",
        "secretary": "secretariat_staff",
        "decisions": [],
        "summary": "",
        "minutes_status": None,
    },
    # Workgroup 3, held (40 days ago).
    {
        "key": "wg3_detailed_plan",
        "workgroup": 3,
        "days_from_today": -40,
        "start": "10:00",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "بازنگری طرح تفصیلی رشت و اطلاع‌رسانی درباره طرح‌های تعریض معابر",
        "location": "سالن نمایش عمومی طرح‌های توسعه شهری، معاونت شهرسازی و معماری",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش مراحل بازنگری طرح تفصیلی",
                "description": (
                    "معاون شهرسازی و معماری مراحل انجام‌شده در بازنگری طرح تفصیلی، تغییرات "
                    "پیشنهادی در ضوابط ارتفاع و برنامه نمایش عمومی نقشه‌ها را تشریح کرد."
                ),
                "kind": "report",
                "presenter": "dep_urban",
                "is_public": True,
                "discussion": (
                    "بر اساس گزارش، پیش‌نویس طرح برای بافت تاریخی اطراف بازار رشت ضوابط ارتفاعی "
                    "سخت‌گیرانه‌تری پیشنهاد داده است. مدیر منطقه ۱ که به‌عنوان مدعو حضور داشت، از "
                    "نگرانی کسبه بازار درباره محدودیت‌های جدید گفت و خواستار جلسه توجیهی با آنان "
                    "شد."
                ),
                "answer": "",
            },
            {
                "title": "تکلیف املاک واقع در طرح تعریض خیابان‌ها چیست؟",
                "description": (
                    "نماینده روزنامه ستاره دشت پرسید مالکانی که ملکشان سال‌ها در طرح تعریض مانده، "
                    "چه زمانی تکلیفشان روشن می‌شود و غرامت چگونه محاسبه می‌شود."
                ),
                "kind": "question",
                "presenter": "setareh_rep",
                "is_public": True,
                "discussion": (
                    "سردبیر پایگاه خبری رشت‌نما گفت این پرسش یکی از پرتکرارترین پیام‌های مخاطبان "
                    "این رسانه است."
                ),
                "answer": (
                    "معاون شهرسازی گفت در بازنگری، بخشی از تعریض‌های غیرضروری حذف شده و فهرست "
                    "آن‌ها پس از تصویب اعلام می‌شود؛ برای املاک باقی‌مانده، تملک بر اساس اولویت "
                    "پروژه‌ها و با قیمت کارشناسی روز انجام می‌شود."
                ),
            },
            {
                "title": "ساخت‌وسازهای غیرمجاز در حریم رودخانه گوهررود",
                "description": (
                    "سردبیر روزنامه آوای گوهررود از چند مورد ساخت‌وساز بدون پروانه در حریم گوهررود "
                    "گفت که با وجود گزارش شهروندان متوقف نشده‌اند."
                ),
                "kind": "problem",
                "presenter": "gohar_ed",
                "is_public": True,
                "discussion": (
                    "اعضا گفتند تعیین دقیق حریم با همکاری امور آب ضروری است. مدیر منطقه ۱ پذیرفت "
                    "گشت مشترک با یگان حفاظت تشکیل شود و گزارش آن به کارگروه برسد."
                ),
                "answer": "",
            },
            {
                "title": "پیشنهاد نمایش عمومی طرح تفصیلی در محله‌ها",
                "description": (
                    "مدیرمسئول هفته‌نامه باران‌سرا پیشنهاد کرد نقشه‌های پیش‌نویس علاوه بر معاونت "
                    "شهرسازی، به‌صورت برخط و در سراهای محله هم به نمایش درآید."
                ),
                "kind": "other",
                "presenter": "baran_md",
                "is_public": True,
                "discussion": (
                    "معاون شهرسازی با نمایش برخط موافقت کرد و گفت برای سراهای محله نسخه خلاصه و "
                    "قابل فهم تهیه می‌شود."
                ),
                "answer": "",
            },
        ],
        "absent": [],
        "excused": ["legal_director"],
        "guests": ["d1_manager"],
        "chair": "dep_urban",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "نقشه‌های پیش‌نویس طرح تفصیلی به مدت یک ماه در سالن نمایش عمومی معاونت شهرسازی "
                    "و به‌صورت برخط برای اظهارنظر شهروندان در دسترس قرار گیرد."
                ),
                "agenda": 3,
                "responsible_org": "deputy_urban",
                "responsible_person": "dep_urban",
                "deadline_days": 30,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "گشت مشترک منطقه ۱ و یگان حفاظت برای جلوگیری از ساخت‌وساز غیرمجاز در حریم "
                    "گوهررود تشکیل شود و گزارش ماهانه آن به کارگروه ارائه شود."
                ),
                "agenda": 2,
                "responsible_org": "district1",
                "responsible_person": "d1_manager",
                "deadline_days": 21,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "راهنمای پرسش‌های رایج شهروندان درباره طرح‌های تعریض معابر، نحوه تملک و محاسبه "
                    "غرامت تهیه و منتشر شود."
                ),
                "agenda": 1,
                "responsible_org": "legal",
                "responsible_person": "legal_director",
                "deadline_days": 45,
                "status": "open",
                "is_public": True,
            },
        ],
        "summary": (
            "معاون شهرسازی و معماری مراحل بازنگری طرح تفصیلی و ضوابط ارتفاعی پیشنهادی برای بافت "
            "تاریخی اطراف بازار را تشریح کرد. پرسش درباره تکلیف املاک واقع در طرح تعریض مطرح شد و "
            "معاون از حذف بخشی از تعریض‌های غیرضروری در بازنگری خبر داد. ساخت‌وسازهای غیرمجاز در "
            "حریم گوهررود نیز بررسی و تشکیل گشت مشترک تصویب شد. کارگروه همچنین نمایش یک‌ماهه "
            "نقشه‌های پیش‌نویس به‌صورت حضوری و برخط را مصوب کرد."
        ),
        "minutes_status": "submitted",
    },
    # Workgroup 4, held (26 days ago).
    {
        "key": "wg4_rain_services",
        "workgroup": 4,
        "days_from_today": -26,
        "start": "09:30",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "خدمات شهری در روزهای بارش، جمع‌آوری برگ و ایستگاه‌های موقت انتقال پسماند",
        "location": "سالن جلسات منطقه ۴ شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "عملکرد اکیپ‌های واکنش سریع در بارش‌های اخیر",
                "description": (
                    "معاون خدمات شهری گزارش عملکرد اکیپ‌ها در دو بارش سنگین هفته‌های گذشته و تعداد "
                    "درخواست‌های رسیده از سامانه ۱۳۷ را ارائه کرد."
                ),
                "kind": "report",
                "presenter": "dep_services",
                "is_public": True,
                "discussion": (
                    "در دو بارش اخیر ۳۱۸ درخواست در سامانه ۱۳۷ ثبت شده و میانگین زمان رسیدن اکیپ "
                    "به محل حدود ۴۰ دقیقه بوده است. معاون عمرانی که مدعو جلسه بود، گفت بیشتر "
                    "آب‌گرفتگی‌ها در محل‌هایی رخ داده که آبروها با برگ مسدود شده بودند."
                ),
                "answer": "",
            },
            {
                "title": "چرا جمع‌آوری برگ‌ها در خیابان‌های اصلی با تأخیر انجام می‌شود؟",
                "description": (
                    "خبرنگار روزنامه پیک لاکان پرسید چرا در روزهای بارانی برگ درختان تا ظهر در "
                    "خیابان‌های اصلی می‌ماند و دهانه آبروها را می‌گیرد."
                ),
                "kind": "question",
                "presenter": "lakan_rep",
                "is_public": True,
                "discussion": (
                    "خبرنگار خبرگزاری تیرنگ تصاویری از آب‌گرفتگی یکی از خیابان‌های مرکزی نشان داد "
                    "که دهانه آبروی آن زیر برگ پنهان شده بود."
                ),
                "answer": (
                    "معاون خدمات شهری گفت اکیپ‌های رفت‌وروب فقط در نوبت صبح کار می‌کردند و از این "
                    "هفته در روزهای هشدار بارش، نوبت عصر هم به معابر اصلی اضافه می‌شود."
                ),
            },
            {
                "title": "بوی نامطبوع ایستگاه‌های موقت انتقال پسماند نزدیک محله‌های مسکونی",
                "description": (
                    "خبرنگار روزنامه آوای گوهررود موضوعی را که در جلسه لغوشده قبلی قرار بود مطرح "
                    "شود، با گزارش شکایت ساکنان دو محله مجاور ایستگاه‌های موقت پیگیری کرد."
                ),
                "kind": "problem",
                "presenter": "gohar_rep",
                "is_public": True,
                "discussion": (
                    "مدیرعامل سازمان مدیریت پسماند گفت یکی از ایستگاه‌ها به دلیل کمبود زمین مناسب "
                    "موقتاً در آن محل مستقر شده است. اعضا خواستند تا جابه‌جایی ایستگاه، شست‌وشوی "
                    "روزانه و پوشش مخازن رعایت شود."
                ),
                "answer": "",
            },
            {
                "title": "نتایج طرح تفکیک پسماند از مبدأ در منطقه ۴",
                "description": (
                    "مدیر منطقه ۴ نتایج سه ماه اجرای طرح تفکیک از مبدأ با همکاری مدارس و سراهای "
                    "محله را ارائه کرد."
                ),
                "kind": "report",
                "presenter": "d4_manager",
                "is_public": True,
                "discussion": (
                    "مدیر منطقه ۴ گفت وزن پسماند خشک تفکیک‌شده در این منطقه نسبت به آغاز طرح حدود "
                    "دو برابر شده است. خبرنگاران پیشنهاد کردند نتایج با آمار دقیق منتشر شود تا "
                    "مناطق دیگر هم ترغیب شوند."
                ),
                "answer": "",
            },
        ],
        "absent": ["bijar_rep"],
        "excused": [],
        "guests": ["dep_civil"],
        "chair": "dep_services",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "اکیپ‌های جمع‌آوری برگ در روزهای هشدار بارش در دو نوبت صبح و عصر در معابر اصلی "
                    "فعال شوند و دهانه آبروها در اولویت قرار گیرد."
                ),
                "agenda": 1,
                "responsible_org": "deputy_services",
                "responsible_person": "dep_services",
                "deadline_days": 7,
                "status": "done",
                "is_public": True,
            },
            {
                "text": (
                    "ایستگاه موقت انتقال پسماند مجاور محله‌های مسکونی به محلی خارج از بافت مسکونی "
                    "منتقل شود و تا آن زمان شست‌وشوی روزانه و پوشش مخازن انجام گیرد."
                ),
                "agenda": 2,
                "responsible_org": "waste",
                "responsible_person": "waste_ceo",
                "deadline_days": 45,
                "status": "open",
                "is_public": True,
            },
            {
                "text": (
                    "نتایج سه‌ماهه طرح تفکیک از مبدأ منطقه ۴ با آمار وزن پسماند خشک جمع‌آوری‌شده "
                    "منتشر شود."
                ),
                "agenda": 3,
                "responsible_org": "district4",
                "responsible_person": "d4_manager",
                "deadline_days": 30,
                "status": "in_progress",
                "is_public": True,
            },
        ],
        "summary": (
            "جلسه‌ای که پیش‌تر به دلیل هشدار بارش لغو شده بود، با گزارش عملکرد اکیپ‌های واکنش سریع "
            "در دو بارش اخیر و ثبت ۳۱۸ درخواست در سامانه ۱۳۷ برگزار شد. خبرنگاران از تأخیر در "
            "جمع‌آوری برگ و گرفتگی آبروها پرسیدند و افزودن نوبت عصر به کار اکیپ‌ها در روزهای هشدار "
            "تصویب شد. شکایت ساکنان از ایستگاه‌های موقت انتقال پسماند بررسی و جابه‌جایی ایستگاه "
            "مجاور محله‌های مسکونی مصوب شد. نتایج امیدوارکننده طرح تفکیک از مبدأ در منطقه ۴ نیز "
            "گزارش شد."
        ),
        "minutes_status": "draft",
    },
    # Workgroup 5, held (12 days ago).
    {
        "key": "wg5_smart_city",
        "workgroup": 5,
        "days_from_today": -12,
        "start": "11:00",
        "duration_minutes": 120,
        "status": "held",
        "cancellation_reason": "",
        "title": "شهر هوشمند: عملکرد سامانه ۱۳۷، پرداخت الکترونیک عوارض و انتشار داده‌های باز",
        "location": "سالن جلسات سازمان فناوری اطلاعات و ارتباطات شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش عملکرد سامانه ۱۳۷ و زمان رسیدگی به درخواست‌ها",
                "description": (
                    "مدیرعامل سازمان فناوری اطلاعات و ارتباطات آمار درخواست‌های ثبت‌شده در سامانه "
                    "۱۳۷، موضوعات پرتکرار و میانگین زمان رسیدگی را ارائه کرد."
                ),
                "kind": "report",
                "presenter": "ict_ceo",
                "is_public": True,
                "discussion": (
                    "در ماه گذشته بیش از ۱۱ هزار درخواست در سامانه ۱۳۷ ثبت شده که آب‌گرفتگی معابر، "
                    "جمع‌آوری پسماند و روشنایی معابر پرتکرارترین موضوعات بوده‌اند. خبرنگاران "
                    "خواستند این آمار به‌صورت ماهانه و به تفکیک منطقه منتشر شود."
                ),
                "answer": "",
            },
            {
                "title": "چرا درگاه پرداخت عوارض در روزهای پایانی مهلت از دسترس خارج می‌شود؟",
                "description": (
                    "سردبیر هفته‌نامه کوچه‌باغ پرسید چرا درگاه پرداخت برخط عوارض نوسازی در روزهای "
                    "پایانی مهلت بخشودگی بارها قطع شده و شهروندان ناچار به مراجعه حضوری شده‌اند."
                ),
                "kind": "question",
                "presenter": "kouche_ed",
                "is_public": True,
                "discussion": (
                    "مدیر دفتر خبرگزاری راه‌نگار گفت در همان روزها صف‌های طولانی در دفاتر مناطق "
                    "گزارش شده است."
                ),
                "answer": (
                    "مدیرعامل سازمان فناوری اطلاعات گفت ظرفیت سرورها برای هجوم کاربران در روزهای "
                    "پایانی کافی نبود؛ پیش از مهلت بعدی ظرفیت افزایش می‌یابد و آزمون بار انجام "
                    "می‌شود و امکان پرداخت از طریق پیامک هم در حال بررسی است."
                ),
            },
            {
                "title": "آیا شهرداری داده‌های بودجه و قراردادها را به‌صورت باز منتشر می‌کند؟",
                "description": (
                    "سردبیر پایگاه خبری رشت‌نما پرسید آیا برنامه‌ای برای انتشار داده‌های بودجه و "
                    "فهرست قراردادهای شهرداری در قالب قابل پردازش وجود دارد."
                ),
                "kind": "question",
                "presenter": "rashtnama_ed",
                "is_public": True,
                "discussion": (
                    "مدیر روابط عمومی که مدعو جلسه بود، گفت انتشار داده‌های باز می‌تواند بخشی از "
                    "پرسش‌های تکراری خبرنگاران را بی‌نیاز از مکاتبه کند."
                ),
                "answer": (
                    "معاون برنامه‌ریزی، توسعه و امور اقتصادی گفت نخستین مجموعه شامل بودجه مصوب به "
                    "تفکیک برنامه و فهرست قراردادهای عمرانی بالای سقف معاملات متوسط در قالب جدول "
                    "منتشر می‌شود."
                ),
            },
            {
                "title": "برنامه انتشار داده‌های باز شهری",
                "description": (
                    "معاون برنامه‌ریزی اولویت‌های انتشار داده‌های باز و مسئولیت هر سازمان در "
                    "به‌روزرسانی آن‌ها را مطرح کرد."
                ),
                "kind": "other",
                "presenter": "dep_planning",
                "is_public": True,
                "discussion": (
                    "اعضا توافق کردند داده‌ها با تاریخ به‌روزرسانی و توضیح ستون‌ها منتشر شود. "
                    "سازمان فناوری اطلاعات مسئول زیرساخت و هر معاونت مسئول صحت داده‌های خود شد."
                ),
                "answer": "",
            },
        ],
        "absent": [],
        "excused": [],
        "guests": ["pr_director"],
        "chair": "dep_planning",
        "secretary": "secretariat_staff",
        "decisions": [
            {
                "text": (
                    "ظرفیت درگاه پرداخت برخط عوارض پیش از پایان مهلت‌های قانونی بعدی افزایش یابد و "
                    "آزمون بار آن انجام و نتیجه به کارگروه گزارش شود."
                ),
                "agenda": 1,
                "responsible_org": "ict",
                "responsible_person": "ict_ceo",
                "deadline_days": 20,
                "status": "in_progress",
                "is_public": True,
            },
            {
                "text": (
                    "گزارش ماهانه سامانه ۱۳۷ شامل تعداد درخواست‌ها به تفکیک منطقه، میانگین زمان "
                    "رسیدگی و پنج موضوع پرتکرار منتشر شود."
                ),
                "agenda": 0,
                "responsible_org": "ict",
                "responsible_person": "ict_ceo",
                "deadline_days": 30,
                "status": "open",
                "is_public": True,
            },
            {
                "text": (
                    "نخستین مجموعه داده‌های باز شامل بودجه مصوب به تفکیک برنامه و فهرست قراردادهای "
                    "عمرانی بالای سقف معاملات متوسط منتشر شود."
                ),
                "agenda": 2,
                "responsible_org": "deputy_planning",
                "responsible_person": "dep_planning",
                "deadline_days": 60,
                "status": "open",
                "is_public": True,
            },
        ],
        "summary": (
            "کارگروه اقتصادی گزارش عملکرد سامانه ۱۳۷ با بیش از ۱۱ هزار درخواست در ماه گذشته را "
            "بررسی کرد و انتشار ماهانه آمار آن به تفکیک منطقه مصوب شد. قطع شدن درگاه پرداخت عوارض "
            "نوسازی در روزهای پایانی مهلت بخشودگی مطرح شد و سازمان فناوری اطلاعات افزایش ظرفیت و "
            "آزمون بار را پذیرفت. در پاسخ به پرسش رسانه‌ها، برنامه انتشار داده‌های باز بودجه و "
            "قراردادهای عمرانی تشریح و مسئولیت هر دستگاه در به‌روزرسانی داده‌ها تعیین شد."
        ),
        "minutes_status": "draft",
    },
    # Workgroup 2, scheduled (in 4 days).
    {
        "key": "wg2_upcoming",
        "workgroup": 2,
        "days_from_today": 4,
        "start": "10:00",
        "duration_minutes": 120,
        "status": "scheduled",
        "cancellation_reason": "",
        "title": "پیگیری مصوبات حمل و نقل عمومی و برنامه ترمیم آسفالت پس از بارش‌ها",
        "location": "اتاق جلسات معاونت عمرانی، ساختمان مرکزی شهرداری رشت، طبقه دوم",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش پیشرفت سامانه بلیت الکترونیک و پرداخت با کارت بانکی",
                "description": (
                    "مدیرعامل سازمان حمل و نقل و ترافیک وضعیت عیب‌یابی کارت‌خوان‌ها و تعداد خطوطی "
                    "را که پرداخت بانکی در آن‌ها فعال شده گزارش می‌کند."
                ),
                "kind": "report",
                "presenter": "official2",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "برنامه ترمیم آسفالت معابر آسیب‌دیده در بارش‌های اخیر",
                "description": (
                    "معاون عمرانی فهرست معابر آسیب‌دیده و زمان‌بندی لکه‌گیری در روزهای بدون بارش "
                    "را ارائه می‌کند."
                ),
                "kind": "report",
                "presenter": "dep_civil",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "خلاصه مطالعات قطار شهری کی در اختیار رسانه‌ها قرار می‌گیرد؟",
                "description": (
                    "خبرنگار خبرگزاری راه‌نگار مصوبه جلسه قبل درباره انتشار خلاصه مطالعات قطار "
                    "شهری را که از مهلت خود گذشته، پیگیری می‌کند."
                ),
                "kind": "question",
                "presenter": "press2",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "ایستگاه‌های اتوبوس بدون سرپناه در مسیرهای پرتردد",
                "description": (
                    "دبیر سرویس شهری روزنامه پیک لاکان فهرستی از ایستگاه‌های بدون سایبان و نیمکت "
                    "را که مسافران در باران بی‌پناه می‌مانند، ارائه می‌کند."
                ),
                "kind": "problem",
                "presenter": "lakan_ed",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
        ],
        "absent": [],
        "excused": [],
        "guests": [],
        "chair": "dep_civil",
        "secretary": "secretariat_staff",
        "decisions": [],
        "summary": "",
        "minutes_status": None,
    },
    # Workgroup 5, scheduled (in 11 days, not announced).
    {
        "key": "wg5_budget_draft",
        "workgroup": 5,
        "days_from_today": 11,
        "start": "09:30",
        "duration_minutes": 150,
        "status": "scheduled",
        "cancellation_reason": "",
        "title": "بررسی پیش‌نویس بودجه سال آینده شهرداری پیش از ارائه به شورای اسلامی شهر",
        "location": "اتاق جلسات معاونت برنامه‌ریزی، توسعه و امور اقتصادی شهرداری رشت",
        "is_public": False,
        "agenda": [
            {
                "title": "کلیات پیش‌نویس بودجه سال آینده",
                "description": (
                    "معاون برنامه‌ریزی، توسعه و امور اقتصادی ارقام کلی پیش‌نویس بودجه، سهم بودجه "
                    "عمرانی و پیش‌بینی منابع درآمدی را ارائه می‌کند."
                ),
                "kind": "report",
                "presenter": "dep_planning",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "پیش‌بینی درآمد حاصل از پروژه‌های سرمایه‌گذاری و مشارکت",
                "description": (
                    "مدیرعامل سازمان سرمایه‌گذاری برآورد درآمد پروژه‌های مشارکتی و اجاره دارایی‌ها "
                    "در سال آینده را توضیح می‌دهد."
                ),
                "kind": "report",
                "presenter": "invest_ceo",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "پیشنهاد تهیه «بودجه شهروندی» برای رسانه‌ها",
                "description": (
                    "مدیر دفتر خبرگزاری راه‌نگار پیشنهاد می‌کند همراه با لایحه بودجه، خلاصه‌ای "
                    "مصور و ساده برای شهروندان و رسانه‌ها منتشر شود."
                ),
                "kind": "other",
                "presenter": "rahnegar_head",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
        ],
        "absent": [],
        "excused": [],
        "guests": [],
        "chair": "dep_planning",
        "secretary": "secretariat_staff",
        "decisions": [],
        "summary": "",
        "minutes_status": None,
    },
    # Whole committee, scheduled (in 18 days).
    {
        "key": "committee_half_year",
        "workgroup": None,
        "days_from_today": 18,
        "start": "10:00",
        "duration_minutes": 120,
        "status": "scheduled",
        "cancellation_reason": "",
        "title": "نشست شش‌ماهه کمیته رسانه: ارزیابی کارگروه‌ها و اولویت‌های رسانه‌ای ماه‌های آینده",
        "location": "سالن کنفرانس عمارت تاریخی شهرداری، میدان شهرداری رشت",
        "is_public": True,
        "agenda": [
            {
                "title": "گزارش شش‌ماهه دبیرخانه کمیته رسانه",
                "description": (
                    "مدیر روابط عمومی و امور بین‌الملل آمار جلسات، حضور اعضا، پرسش‌های "
                    "پاسخ‌داده‌شده و وضعیت مصوبات پنج کارگروه را ارائه می‌کند."
                ),
                "kind": "report",
                "presenter": "pr_director",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "گزارش دستگاه‌های دارای مصوبات معوق",
                "description": (
                    "کارشناس دبیرخانه فهرست مصوباتی را که از مهلت گذشته‌اند همراه با توضیح "
                    "دستگاه‌های مسئول ارائه می‌کند."
                ),
                "kind": "report",
                "presenter": "secretariat_staff",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
            {
                "title": "تعیین اولویت‌های رسانه‌ای شهرداری برای ماه‌های آینده",
                "description": (
                    "شهردار با نظرخواهی از رؤسای کارگروه‌ها، موضوعات اولویت‌دار اطلاع‌رسانی از "
                    "جمله فصل بارش، بودجه و طرح تفصیلی را جمع‌بندی می‌کند."
                ),
                "kind": "other",
                "presenter": "mayor",
                "is_public": True,
                "discussion": "",
                "answer": "",
            },
        ],
        "absent": [],
        "excused": [],
        "guests": [],
        "chair": "mayor",
        "secretary": "secretariat_staff",
        "decisions": [],
        "summary": "",
        "minutes_status": None,
    },
]

# Progress notes on decisions of published meetings (`decision` is a 0-based index).
FOLLOW_UPS = [
    {
        "meeting": "committee_opening",
        "decision": 0,
        "days_after_meeting": 9,
        "status": "done",
        "note": (
            "صورت‌جلسه نشست آغازین و شیوه‌نامه کمیته در درگاه شهرداری منتشر شد و بخش «مصوبات کمیته "
            "رسانه» به صفحه روابط عمومی افزوده شد."
        ),
    },
    {
        "meeting": "committee_opening",
        "decision": 2,
        "days_after_meeting": 35,
        "status": "in_progress",
        "note": (
            "رابطان رسانه‌ای ۱۱ دستگاه از ۱۴ دستگاه معرفی شده‌اند و مکاتبه با سه دستگاه باقی‌مانده "
            "ادامه دارد."
        ),
    },
    {
        "meeting": "wg2_drainage",
        "decision": 0,
        "days_after_meeting": 24,
        "status": "done",
        "note": (
            "دو پمپ سیار در تقاطع‌های بلوار گیلان مستقر شد و شماره اکیپ واکنش سریع در سامانه ۱۳۷ و "
            "صفحه‌های شهرداری اعلام شد."
        ),
    },
    {
        "meeting": "wg2_drainage",
        "decision": 1,
        "days_after_meeting": 38,
        "status": "in_progress",
        "note": (
            "نخستین فهرست ترانشه‌های باز با نام شش شرکت خدمات‌رسان برای اعضای رسانه‌ای ارسال شد؛ "
            "فهرست ماه دوم هنوز کامل نشده است."
        ),
    },
    {
        "meeting": "wg2_drainage",
        "decision": 3,
        "days_after_meeting": 70,
        "status": "open",
        "note": (
            "با مشاور طرح مکاتبه شده اما گزارش توجیهی کانال موازی گلسار هنوز به کارگروه نرسیده است."
        ),
    },
    {
        "meeting": "wg1_tourism",
        "decision": 0,
        "days_after_meeting": 41,
        "status": "done",
        "note": (
            "چهار تابلوی نقشه گردشگری دوزبانه در پیاده‌راه فرهنگی، میدان شهرداری و ورودی بازار رشت "
            "نصب شد."
        ),
    },
    {
        "meeting": "wg1_tourism",
        "decision": 2,
        "days_after_meeting": 55,
        "status": "in_progress",
        "note": (
            "سه قسمت از مجموعه «سفره رشت» با همکاری دو رسانه عضو منتشر شده و دو قسمت دیگر در حال "
            "تهیه است."
        ),
    },
    {
        "meeting": "wg4_waste",
        "decision": 1,
        "days_after_meeting": 30,
        "status": "in_progress",
        "note": (
            "پاک‌سازی حاشیه زرجوب در محدوده پل‌های شهری دو نوبت انجام و گزارش تصویری آن منتشر شد؛ "
            "محدوده گوهررود هنوز در نوبت است."
        ),
    },
    {
        "meeting": "wg4_waste",
        "decision": 2,
        "days_after_meeting": 18,
        "status": "done",
        "note": (
            "هفت خبرنگار از تصفیه‌خانه شیرابه و سلول‌های دفن مرکز سراوان بازدید کردند و گزارش‌های "
            "آن در چند رسانه منتشر شد."
        ),
    },
    {
        "meeting": "wg3_permits",
        "decision": 0,
        "days_after_meeting": 27,
        "status": "done",
        "note": (
            "نخستین گزارش فصلی آرای کمیسیون ماده صد به تفکیک نوع رأی و منطقه، بدون مشخصات مالکان، "
            "در درگاه شهرداری منتشر شد."
        ),
    },
    {
        "meeting": "wg2_transit",
        "decision": 0,
        "days_after_meeting": 43,
        "status": "done",
        "note": (
            "زمان‌بندی چراغ‌های بلوار گیلان اصلاح و دهانه تقاطع منظریه بازطراحی شد؛ بر اساس شمارش "
            "سازمان حمل و نقل، زمان عبور شامگاهی این محور حدود ۱۸ درصد کاهش یافته است."
        ),
    },
    {
        "meeting": "wg2_transit",
        "decision": 1,
        "days_after_meeting": 50,
        "status": "in_progress",
        "note": (
            "کارت‌خوان‌های ۲۲ خط عیب‌یابی شده و پرداخت با کارت بانکی در ۶ خط از ۱۰ خط پرتردد فعال "
            "شده است."
        ),
    },
]

# Questions journalists have proposed for upcoming meetings, still waiting for the
# secretariat: (meeting key, author key, kind, title, text).
PROPOSED_QUESTIONS = [
    (
        "wg2_upcoming",
        "setareh_rep",
        "question",
        "زمان پایان لکه‌گیری خیابان‌های اطراف میدان صیقلان",
        "پس از بارش‌های پاییزی چاله‌های خیابان‌های اطراف میدان صیقلان بیشتر شده و رانندگان "
        "تاکسی از خسارت خودروها گله دارند. معاونت عمرانی برای لکه‌گیری این محدوده چه زمانی "
        "را در نظر گرفته است و آیا اعتبار آن در متمم بودجه امسال دیده شده است؟",
    ),
]


# The city districts (the committee's list, «منطقه N» by its number) a decision concerns,
# by (meeting key, decision index). A decision whose responsible organisation is a district
# office («district1»…) names that district without being listed here.
DECISION_DISTRICTS = {
    # The mobile pumps and the parallel canal: Golsar and Gilan boulevard.
    ("wg2_drainage", 0): (1,),
    ("wg2_drainage", 3): (1,),
    # The pedestrian zone's monthly programme (the bazaar and the city centre).
    ("wg1_tourism", 1): (1,),
    # The banks of the Zarjub and Goharrud rivers, which cross several districts.
    ("wg4_waste", 1): (1, 2, 3),
    # Waste timetables on every neighbourhood's bins.
    ("wg4_waste", 0): (2, 3, 4, 5),
    # The Manzarieh junction and Gilan boulevard's lights.
    ("wg2_transit", 0): (1, 2),
}


# Citizens' demands (demands/): (key, topic, district number, neighbourhood, title,
# description). The loader publishes, merges, rejects and supports them as the secretariat
# and visitors would, and takes two of them to the agenda.
DEMANDS = (
    (
        "potholes",
        "آسفالت، معابر و پیاده‌روها",
        2,
        "خیابان سعدی",
        "چاله‌های خیابان سعدی پس از بارندگی",
        "از بارندگی هفته گذشته چند چاله بزرگ در خیابان سعدی، نرسیده به چهارراه، باز شده است. "
        "شب‌ها موتورسواران در آن می‌افتند و آب باران در آن می‌ماند.",
    ),
    (
        "potholes-twin",
        "آسفالت، معابر و پیاده‌روها",
        2,
        "سعدی",
        "چاله خطرناک در خیابان سعدی",
        "جلوی دبستان خیابان سعدی چاله عمیقی هست که بچه‌ها هنگام عبور در آن می‌افتند.",
    ),
    (
        "bus",
        "ترافیک و حمل و نقل عمومی",
        1,
        "میدان شهرداری",
        "فاصله زیاد اتوبوس‌های خط میدان شهرداری تا گلسار",
        "در ساعت‌های شلوغ صبح گاهی تا چهل دقیقه اتوبوسی در این خط نمی‌آید و ایستگاه سرپوشیده ندارد.",
    ),
    (
        "waste",
        "پسماند و نظافت شهر",
        4,
        "بلوار گیلان",
        "جمع‌آوری دیرهنگام پسماند در بلوار گیلان",
        "کیسه‌های زباله تا ظهر کنار جوی می‌ماند و گربه‌ها و باد آن را پخش می‌کنند.",
    ),
    (
        "lights",
        "روشنایی و آب‌های سطحی",
        3,
        "پارک قدس",
        "خاموشی چراغ‌های مسیر پیاده‌روی پارک قدس",
        "بیشتر چراغ‌های مسیر پیاده‌روی پارک از یک ماه پیش خاموش است و شب‌ها مسیر تاریک است.",
    ),
    (
        "permits",
        "عوارض، درآمد و خدمات الکترونیک شهرداری",
        5,
        "",
        "پرداخت الکترونیک عوارض نوسازی",
        "درگاه پرداخت عوارض نوسازی چند روز است خطا می‌دهد و باید حضوری به منطقه رفت.",
    ),
    (
        "sidewalk",
        "سد معبر و حقوق شهروندی",
        1,
        "خیابان علم‌الهدی",
        "سد معبر پیاده‌روی خیابان علم‌الهدی",
        "بساط فروشندگان پیاده‌رو را گرفته و عابران با کالسکه و ویلچر ناچارند از سواره‌رو بگذرند.",
    ),
    (
        "offtopic",
        "گردشگری و بافت تاریخی",
        1,
        "",
        "تبلیغ فروش ملک",
        "فروش آپارتمان نوساز با قیمت مناسب، تماس بگیرید.",
    ),
)
