# ruff: noqa: E501  (data module: long prose strings are kept on one line)
"""Content of the sample specifications rendered as .docx and .pdf.

Every document here is fictional and was written for this project (Apache-2.0).
The text is kept to latin-1 characters so the PDF core fonts can render it.

A document is a dict with a title page, running header text, metadata and a list
of blocks. Block kinds (first tuple element):

    ("h1", text) / ("h2", text)         numbered headings (number is part of text)
    ("p", text)                         body paragraph
    ("note", text)                      "Note: ..." paragraph, rendered in italics
    ("bullets", [text, ...])            bulleted list
    ("numbered", [text, ...])           numbered list
    ("req", id, text)                   a requirement paragraph led by its id
    ("table", [header...], [[cell...], ...], [relative widths])
    ("toc", [(entry, page), ...])       table-of-contents lines with dot leaders
    ("pagebreak",)
"""

# fmt: off
FOOD_HYGIENE = {
    "filename": "food-hygiene-inspections.docx",
    "header": "Thornbury Vale DC - Food Safety Inspection Management System - Requirements v2.0",
    "meta": {
        "title": "Food Safety Inspection Management System - Requirements Specification",
        "author": "Thornbury Vale District Council, Environmental Health",
        "subject": "Statement of requirements for tender TVDC-EH-2024-22",
        "keywords": "food hygiene, inspection, environmental health, requirements",
    },
    "title_page": [
        ("title", "Thornbury Vale District Council"),
        ("subtitle", "Food Safety Inspection Management System"),
        ("subtitle", "Statement of Requirements"),
        ("line", "Tender reference: TVDC-EH-2024-22"),
        ("line", "Version 2.0 - Approved for procurement"),
        ("line", "Date: 9 October 2024"),
        ("line", "Owner: Environmental Health and Licensing Manager"),
    ],
    "blocks": [
        ("h1", "Revision history"),
        ("table", ["Version", "Date", "Author", "Changes"], [
            ["0.1", "04/06/2024", "H. Pemberton", "First draft after process mapping with food team"],
            ["0.3", "28/06/2024", "H. Pemberton", "Added FHRS and revisit requirements"],
            ["1.0", "19/08/2024", "D. Sahin", "Comments from Food Standards lead officer"],
            ["2.0", "09/10/2024", "D. Sahin", "Approved by Head of Regulatory Services"],
        ], [1, 2, 2, 6]),
        ("h1", "Contents"),
        ("toc", [
            ("1 Introduction", 3), ("1.1 Purpose", 3), ("1.2 Scope", 3),
            ("1.3 Definitions", 3), ("1.4 Assumptions", 4), ("1.5 References", 4),
            ("2 Functional requirements", 4), ("2.1 Premises register", 4),
            ("2.2 Risk rating and the inspection programme", 5),
            ("2.3 Carrying out inspections", 6), ("2.4 Outcomes, revisits and enforcement", 7),
            ("2.5 Food Hygiene Rating Scheme", 8), ("2.6 Management information", 9),
            ("3 Non-functional requirements", 9),
        ]),
        ("pagebreak",),
        ("h1", "1 Introduction"),
        ("h2", "1.1 Purpose"),
        ("p", "This Statement of Requirements describes the system Thornbury Vale District Council "
              "needs to plan, carry out and record food hygiene inspections of the 1,850 food "
              "businesses in the district. It will be used by bidders to prepare their proposals and "
              "by the evaluation panel to score them."),
        ("h2", "1.2 Scope"),
        ("p", "The Council, as a food authority, must carry out official controls at food "
              "establishments at the frequencies set by the Food Law Code of Practice (England). The "
              "food team of six officers currently plans its programme on a spreadsheet and writes "
              "inspection reports in a word processor after returning to the office. The new system "
              "covers the whole inspection cycle: knowing which premises exist, deciding when each is "
              "due, recording the visit on site, following up contraventions and publishing hygiene "
              "ratings."),
        ("p", "The following are out of scope:"),
        ("bullets", [
            "Health and safety at work inspections, which the team records in the corporate case management system.",
            "Licensing of taxis, alcohol and entertainment premises.",
            "Food standards sampling analysis carried out by the Public Analyst.",
            "Invoicing of fees for re-rating visits, which is done through the finance system.",
        ]),
        ("h2", "1.3 Definitions"),
        ("p", "Food business operator (FBO): the person or company responsible for ensuring that the "
              "food business under its control meets food law."),
        ("p", "Premises: a fixed or mobile establishment from which a food business operates, including "
              "market stalls, home caterers and food vehicles."),
        ("p", "Intervention: an official control or other activity aimed at monitoring or improving "
              "compliance, of which a full inspection is the most common."),
        ("p", "Risk category: the category A to E given to a premises from the intervention rating "
              "scheme in the Food Law Code of Practice; it determines the minimum inspection frequency."),
        ("p", "FHRS: the Food Hygiene Rating Scheme operated by the Food Standards Agency (FSA), under "
              "which premises receive a rating from 0 (urgent improvement necessary) to 5 (very good)."),
        ("p", "Authorised officer: an Environmental Health Officer or Food Safety Officer authorised by "
              "the Council under the Food Safety Act 1990."),
        ("h2", "1.4 Assumptions"),
        ("numbered", [
            "Property addresses and UPRNs come from the Council's address gazetteer through its existing API.",
            "Officers will use Council-issued tablets running a current version of iOS or Android.",
            "The FSA will continue to accept FHRS ratings through its upload interface and will publish them on its ratings website.",
            "Around 700 interventions are carried out each year.",
        ]),
        ("h2", "1.5 References"),
        ("bullets", [
            "Food Safety Act 1990.",
            "Food Law Code of Practice (England), March 2021, and Food Law Practice Guidance.",
            "Food Standards Agency, Brand Standard for the Food Hygiene Rating Scheme, revised 2023.",
            "Regulation (EU) 2017/625 on official controls, as retained in UK law.",
            "Thornbury Vale District Council Regulatory Services Enforcement Policy, 2022.",
        ]),
        ("h1", "2 Functional requirements"),
        ("p", "Priorities: M = mandatory, D = desirable. Bidders should state for each requirement "
              "whether it is met by the standard product, by configuration or by development."),
        ("h2", "2.1 Premises register"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["FS-01", "The system shall hold a register of all food premises with trading name, FBO, address, UPRN, business type, opening hours, and the name of the person in charge.", "M"],
            ["FS-02", "The system shall record new food business registrations received from the FSA Register a Food Business service and create a draft premises record for each.", "M"],
            ["FS-03", "The system shall allow officers to record premises as closed, seasonal or mobile, and to link a mobile unit to the premises from which it is operated.", "M"],
            ["FS-04", "The system should detect likely duplicate premises (same UPRN or similar name) when a new registration is imported and ask an officer to confirm or merge.", "D"],
            ["FS-05", "The system shall keep the history of FBOs at a premises so that a change of operator starts a new inspection history without losing the previous one.", "M"],
        ], [1.2, 8, 1]),
        ("h2", "2.2 Risk rating and the inspection programme"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["FS-06", "The system shall calculate the risk score and risk category of each premises from the intervention rating scheme scores entered at the last inspection.", "M"],
            ["FS-07", "The system shall calculate the date by which the next intervention is due from the risk category (A: 6 months, B: 12 months, C: 18 months, D: 24 months, E: alternative enforcement strategy).", "M"],
            ["FS-08", "The system shall produce an annual inspection programme listing every premises due an intervention in the year, and a monthly view of premises due or overdue.", "M"],
            ["FS-09", "Newly registered businesses shall be scheduled for an initial inspection within 28 days of starting to trade.", "M"],
            ["FS-10", "The system shall allow the team leader to allocate programmed inspections to officers and to rebalance allocations when an officer is absent.", "M"],
            ["FS-11", "The system should suggest a route for an officer's inspections on a given day, grouping premises by area.", "D"],
            ["FS-12", "When an officer is allocated an inspection outside the scope of their authorisation (for example an approved establishment), the system shall warn the team leader.", "M"],
        ], [1.2, 8, 1]),
        ("h2", "2.3 Carrying out inspections"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["FS-13", "The system shall provide a mobile inspection form on a tablet which officers can complete on site, structured by the areas of the FSA inspection aide-memoire.", "M"],
            ["FS-14", "While the tablet has no mobile signal, the inspection form shall remain fully usable and shall synchronise with the central system when a connection is available.", "M"],
            ["FS-15", "Officers shall be able to take photographs with the tablet, annotate them and attach them to specific findings.", "M"],
            ["FS-16", "The system shall let officers record the scores for hygiene, structure and confidence in management, and shall calculate the FHRS rating from them.", "M"],
            ["FS-17", "The system shall record food samples taken during an inspection, with the sample reference, product, reason for sampling and the laboratory it is sent to.", "M"],
            ["FS-18", "The system shall allow the FBO or person in charge to sign on the tablet to acknowledge the visit.", "D"],
            ["FS-19", "The system shall generate the inspection report letter from the findings, listing required actions separately from recommendations of good practice, and email it to the FBO within 14 days of the visit.", "M"],
        ], [1.2, 8, 1]),
        ("p", "The following user stories illustrate how officers expect to use the mobile form:"),
        ("bullets", [
            "As a food safety officer, I want the previous inspection's findings to be shown when I start a new inspection, so that I can check whether earlier contraventions have been put right.",
            "As a food safety officer, I want to record the temperature readings I take with my probe against each fridge or hot-holding unit, so that the report shows where the problem was.",
            "As a team leader, I want to review and approve a draft report before it is sent when the rating is 0 or 1, so that low ratings are consistent across the team.",
        ]),
        ("h2", "2.4 Outcomes, revisits and enforcement"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["FS-20", "The system shall record the outcome of every intervention and any enforcement action taken: written warning, hygiene improvement notice, remedial action notice, voluntary closure, emergency prohibition or prosecution.", "M"],
            ["FS-21", "The system shall produce hygiene improvement notices and other statutory notices from templates, with the contraventions and time limits taken from the inspection record.", "M"],
            ["FS-22", "When the compliance date of a notice is reached, the system shall remind the officer to check compliance and record the result.", "M"],
            ["FS-23", "The system shall allow officers to schedule a revisit and link it to the original inspection; a revisit shall not reset the programmed inspection date.", "M"],
            ["FS-24", "The system shall record complaints about food premises received from the public, link them to the premises record and show them to the officer at the next inspection.", "M"],
            ["FS-25", "If a premises receives an FHRS rating of 0, then the system shall notify the team leader on the same day so that a revisit within 48 hours can be arranged.", "M"],
        ], [1.2, 8, 1]),
        ("note", "Note: Prosecution case files are prepared by the Council's legal team outside the system; "
                 "FS-20 only requires the decision to prosecute and the outcome to be recorded."),
        ("h2", "2.5 Food Hygiene Rating Scheme"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["FS-26", "The system shall hold the FHRS rating of each premises with the date of the inspection on which it was based.", "M"],
            ["FS-27", "The system shall upload new and changed ratings to the FSA after the 21-day appeal period has ended, or earlier if the FBO confirms that they will not appeal.", "M"],
            ["FS-28", "The system shall record appeals, right-to-reply statements and requests for a re-rating visit, with the dates required by the Brand Standard.", "M"],
            ["FS-29", "The system shall prevent a second re-rating visit from being booked within three months of the previous one. The officer shall instead be shown the earliest date on which a visit may take place (see FS-28).", "M"],
            ["FS-30", "The system should produce the window sticker letter for premises rated 3 or above.", "D"],
        ], [1.2, 8, 1]),
        ("h2", "2.6 Management information"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["FS-31", "The system shall produce the annual Local Authority Enforcement Monitoring System (LAEMS) return for the FSA in the prescribed format.", "M"],
            ["FS-32", "The system shall report progress against the annual inspection programme by risk category, with the number of interventions achieved, outstanding and overdue.", "M"],
            ["FS-33", "The system should show each officer's caseload of inspections due, revisits and open notices.", "D"],
            ["FS-34", "The system shall allow reports to be exported to Excel and CSV.", "M"],
        ], [1.2, 8, 1]),
        ("h1", "3 Non-functional requirements"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["NF-01", "The system shall be available 99.5% of the time between 07:00 and 20:00 on working days.", "M"],
            ["NF-02", "The mobile form shall open a premises record in under 3 seconds when the tablet is online.", "M"],
            ["NF-03", "Personal data shall be processed in accordance with UK GDPR; access shall be limited to authorised users with role-based permissions and two-factor authentication.", "M"],
            ["NF-04", "Inspection records shall be retained for at least six years after a premises closes and shall then be deleted automatically.", "M"],
            ["NF-05", "The supplier shall update the system to reflect changes to the Food Law Code of Practice and the FHRS Brand Standard within three months of publication.", "M"],
            ["NF-06", "The system should be usable by officers after no more than one day of training.", "D"],
        ], [1.2, 8, 1]),
        ("p", "End of Statement of Requirements."),
    ],
}


UNIFIED_CITIZEN = {
    "filename": "unified-citizen-platform.docx",
    "header": "Brackenford MBC - One Brackenford Unified Citizen Platform - Output Based Specification",
    "meta": {
        "title": "One Brackenford Unified Citizen Platform - Output Based Specification",
        "author": "Brackenford Metropolitan Borough Council, Digital Transformation Programme",
        "subject": "Output based specification for contract BMBC/DTP/2023/09",
        "keywords": "unified citizen platform, benefits, parking, waste, planning, payroll, libraries",
    },
    "title_page": [
        ("title", "Brackenford Metropolitan Borough Council"),
        ("subtitle", "One Brackenford: Unified Citizen Platform"),
        ("subtitle", "Output Based Specification"),
        ("line", "Contract reference: BMBC/DTP/2023/09"),
        ("line", "Version 4.2 - Issued to shortlisted bidders"),
        ("line", "Date: 30 November 2023"),
        ("line", "Senior Responsible Owner: Chief Operating Officer"),
        ("line", "Protective marking: OFFICIAL - COMMERCIAL"),
    ],
    "blocks": [
        ("h1", "Revision history"),
        ("table", ["Version", "Date", "Author", "Summary"], [
            ["1.0", "14/02/2023", "DTP Design Authority", "Outline business case requirements (benefits, parking, waste)"],
            ["2.0", "26/04/2023", "DTP Design Authority", "Planning and Building Control added"],
            ["3.0", "03/08/2023", "DTP / HR and Payroll", "Payroll added to achieve single ERP-style platform"],
            ["4.0", "20/10/2023", "DTP / Libraries", "Library loans added following end of LMS contract"],
            ["4.2", "30/11/2023", "Procurement", "Clarifications from bidder dialogue round 2"],
        ], [1, 2, 3, 6]),
        ("h1", "Contents"),
        ("toc", [
            ("1 Introduction", 3), ("1.1 Purpose", 3), ("1.2 Vision and scope", 3),
            ("1.3 Glossary", 4), ("1.4 Assumptions and dependencies", 4), ("1.5 Reference documents", 5),
            ("2 Benefits claims", 5), ("3 Parking enforcement and penalty charges", 6),
            ("4 Waste and recycling collections", 7), ("5 Planning applications", 9),
            ("6 Payroll for Council employees", 10), ("7 Library loans", 11),
            ("8 Platform-wide non-functional requirements", 12),
        ]),
        ("pagebreak",),
        ("h1", "1 Introduction"),
        ("h2", "1.1 Purpose"),
        ("p", "This Output Based Specification (OBS) sets out what the Council requires from the One "
              "Brackenford Unified Citizen Platform. It is written in terms of outputs so that bidders "
              "can propose the solution they consider best. Requirements are identified by a module "
              "prefix and a number, and each has a priority: Mandatory (M), Important (I) or Nice to "
              "have (N)."),
        ("h2", "1.2 Vision and scope"),
        ("p", "The Council's Customer Strategy 2023-2027 commits to \"one account, one platform, one "
              "view of the resident\". Residents today deal with the Council through 63 separate "
              "systems. The platform will replace the line-of-business systems for six services with "
              "a single product, a single resident account and a single integration layer, and will "
              "be delivered in one release in April 2025."),
        ("p", "The platform will cover the following services, each described in its own section:"),
        ("numbered", [
            "Housing Benefit and Council Tax Support claims (section 2).",
            "Parking enforcement and penalty charges (section 3).",
            "Waste and recycling collections (section 4).",
            "Planning applications (section 5).",
            "Payroll for Council employees (section 6).",
            "Library loans (section 7).",
        ]),
        ("p", "Out of scope for this contract:"),
        ("bullets", [
            "Council Tax and business rates billing, which remain in the Revenues system.",
            "Building Control applications, which are handled through the regional partnership portal.",
            "Recruitment and learning management for Council staff.",
            "Collection of commercial (trade) waste.",
            "School admissions and adult social care.",
        ]),
        ("h2", "1.3 Glossary"),
        ("p", "Resident: a person who lives, works or studies in the Borough and holds a One Brackenford account."),
        ("p", "Claimant: a person who has made a claim for Housing Benefit or Council Tax Support."),
        ("p", "PCN: Penalty Charge Notice, issued for a parking contravention under the Traffic Management Act 2004."),
        ("p", "Civil Enforcement Officer (CEO): a Council officer who patrols streets and car parks and issues PCNs."),
        ("p", "Round: a fixed sequence of streets collected by one refuse vehicle crew on a given day."),
        ("p", "Local Planning Authority (LPA): the Council acting in its capacity to determine planning applications."),
        ("p", "Employee: a person on the Council's payroll, including casual and sessional workers but not agency staff."),
        ("p", "Borrower: a resident who is a member of Brackenford Libraries."),
        ("h2", "1.4 Assumptions and dependencies"),
        ("bullets", [
            "The Department for Work and Pensions (DWP) interfaces (ATLAS, VEP and Searchlight) remain available in their current form.",
            "HM Revenue and Customs Real Time Information (RTI) submission channels are unchanged.",
            "The national Planning Portal continues to transfer applications to LPAs through its existing connector.",
            "Refuse vehicles are already fitted with in-cab tablets, which the platform can reuse.",
            "Data migration from the 63 legacy systems will be delivered by the Council's own team.",
        ]),
        ("h2", "1.5 Reference documents"),
        ("numbered", [
            "Brackenford MBC Customer Strategy 2023-2027.",
            "Housing Benefit Regulations 2006 and the Council Tax Reduction Schemes (Prescribed Requirements) (England) Regulations 2012.",
            "Traffic Management Act 2004 and the Civil Enforcement of Road Traffic Contraventions (England) General Regulations 2022.",
            "Town and Country Planning (Development Management Procedure) (England) Order 2015.",
            "HMRC, Employer Further Guide to PAYE and NICs; Local Government Pension Scheme Regulations 2013.",
            "Public Libraries and Museums Act 1964.",
        ]),
        ("h1", "2 Benefits claims"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["BEN-01", "Residents shall be able to make a new claim for Housing Benefit or Council Tax Support online, with questions that adapt to their household circumstances.", "M"],
            ["BEN-02", "The platform shall allow claimants to upload evidence of income, savings, rent and identity, and shall tell them which evidence is still outstanding.", "M"],
            ["BEN-03", "The platform shall receive notifications of Universal Credit awards and changes from the DWP and create or update the Council Tax Support claim automatically.", "M"],
            ["BEN-04", "The platform shall assess entitlement using the national Housing Benefit rules and the Council's local Council Tax Support scheme, applying the correct applicable amounts, premiums, disregards and non-dependant deductions.", "M"],
            ["BEN-05", "When a claimant reports a change of circumstances, the platform shall reassess the claim from the correct effective date and calculate any overpayment or arrears.", "M"],
            ["BEN-06", "The platform shall classify overpayments (claimant error, official error, fraud) and decide whether each is recoverable.", "M"],
            ["BEN-07", "The platform shall issue decision notices that meet the content requirements of the regulations, including the right to request a reconsideration and to appeal.", "M"],
            ["BEN-08", "The platform shall pay Housing Benefit to claimants or landlords by BACS every two weeks and produce the payment schedules.", "M"],
            ["BEN-09", "The platform shall manage reconsiderations and appeals to the First-tier Tribunal, including the preparation of the appeal submission.", "M"],
            ["BEN-10", "The platform shall support Discretionary Housing Payment applications, awards and budget monitoring.", "I"],
            ["BEN-11", "The platform shall produce the monthly Single Housing Benefit Extract for the DWP and the year-end subsidy claim.", "M"],
            ["BEN-12", "If a claim has been awaiting evidence for one calendar month, then the platform shall send a reminder to the claimant and, after a further 14 days, present the claim to an assessor for a decision to defer or refuse.", "M"],
            ["BEN-13", "Assessors should see a single list of work items prioritised by age and type so that new claims are processed within 18 days on average.", "I"],
        ], [1.3, 8, 1]),
        ("h1", "3 Parking enforcement and penalty charges"),
        ("p", "The Council enforces parking restrictions on 1,900 streets and in 22 car parks, issuing "
              "about 95,000 PCNs a year."),
        ("req", "PKE-01", "The platform shall provide handheld software for Civil Enforcement Officers to issue PCNs on street, record observation times, take photographs and print or affix the notice."),
        ("req", "PKE-02", "The handheld software shall check the vehicle registration against valid permits, pay-and-display sessions and dispensations before a PCN is issued."),
        ("req", "PKE-03", "The platform shall process PCNs issued by post from the Council's CCTV cameras for bus lane and moving traffic contraventions."),
        ("req", "PKE-04", "The platform shall request keeper details from the DVLA for unpaid PCNs and issue the Notice to Owner at the statutory time."),
        ("req", "PKE-05", "Motorists shall be able to view the PCN details and photographs online and pay the penalty charge, with the 50% discount applied within the discount period."),
        ("req", "PKE-06", "The platform shall record informal challenges and formal representations, allow officers to accept or reject them with a reason, and issue the correct letter."),
        ("req", "PKE-07", "The platform shall exchange appeal evidence and decisions with the Traffic Penalty Tribunal through its case management interface."),
        ("req", "PKE-08", "If a PCN remains unpaid 28 days after a Charge Certificate, then the platform shall register the debt at the Traffic Enforcement Centre and, once the order for recovery is granted, pass the case to enforcement agents."),
        ("req", "PKE-09", "The platform shall record the deployment of CEOs by beat and shift, and track their location during patrols for lone-worker safety."),
        ("req", "PKE-10", "The platform shall produce the statutory annual parking report figures: PCNs issued, paid, cancelled, written off, and appeals by outcome."),
        ("req", "PKE-11", "The platform should identify persistent evaders with three or more unpaid PCNs so that their vehicles can be prioritised for clamping or removal."),
        ("req", "PKE-12", "The platform shall manage vehicle removals to the pound, release on payment of the fees and disposal of unclaimed vehicles."),
        ("h1", "4 Waste and recycling collections"),
        ("h2", "4.1 Collection rounds"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["WST-01", "The platform shall hold every property's collection service (refuse, recycling, garden waste, food waste), container types and sizes, and collection day.", "M"],
            ["WST-02", "The platform shall allow the Waste Operations team to design and re-balance collection rounds, and shall show the effect of changes on each round's number of lifts and tonnage.", "M"],
            ["WST-03", "The platform shall publish collection calendars that residents can view by address, including changed dates over bank holidays.", "M"],
            ["WST-04", "The platform shall send crews their daily round on the in-cab tablet, with assisted collection and access notes for each property.", "M"],
            ["WST-05", "Crews shall be able to record, against each property, bins not presented, contaminated recycling and obstructions, with a photo.", "M"],
        ], [1.3, 8, 1]),
        ("h2", "4.2 Resident requests"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["WST-06", "Residents shall be able to report a missed collection online. When the crew has recorded that the bin was not presented, the platform shall tell the resident so at the time of reporting rather than raising a job.", "M"],
            ["WST-07", "The platform shall raise a return visit for accepted missed collections and send it to the next available crew within two working days.", "M"],
            ["WST-08", "Residents shall be able to order new or replacement bins and pay the delivery charge online.", "M"],
            ["WST-09", "Residents shall be able to subscribe to the annual garden waste service, pay, and receive a permit sticker by post.", "M"],
            ["WST-10", "Residents shall be able to book a bulky waste collection, choosing from available dates and listing the items to be collected.", "M"],
            ["WST-11", "The platform should send residents an optional reminder the evening before their collection day.", "N"],
            ["WST-12", "The platform shall report missed collections per 100,000 collections by round and crew, and tonnages by waste stream for the WasteDataFlow return.", "M"],
        ], [1.3, 8, 1]),
        ("h1", "5 Planning applications"),
        ("p", "The LPA determines about 2,400 applications a year. Requirements for this section are "
              "numbered PLN and listed below."),
        ("numbered", [
            "PLN-01 The platform shall receive applications submitted through the Planning Portal and applications made directly online, together with drawings and supporting documents.",
            "PLN-02 The platform shall calculate the planning fee from the application type and development description and record payment.",
            "PLN-03 The platform shall support validation of applications against the national and local validation checklists and produce invalid letters listing the missing items.",
            "PLN-04 When an application is made valid, the platform shall start the statutory determination period (8, 13 or 16 weeks) and show the target date.",
            "PLN-05 The platform shall identify neighbouring properties to be notified from the application site boundary and generate neighbour notification letters and site notices.",
            "PLN-06 The platform shall send consultation requests to statutory consultees (highways authority, Environment Agency, parish councils) and record their responses.",
            "PLN-07 The public shall be able to search and view applications, documents and consultee responses online and submit comments, with personal details redacted before publication.",
            "PLN-08 Case officers shall be able to record site visits, write the delegated report from a template and recommend a decision with conditions.",
            "PLN-09 The platform shall manage applications going to Planning Committee, including the agenda, the officer report and the recording of the committee resolution.",
            "PLN-10 The platform shall issue decision notices with reasons and conditions and publish them online.",
            "PLN-11 The platform shall track discharge of conditions applications and planning appeals lodged with the Planning Inspectorate.",
            "PLN-12 The platform shall produce the quarterly PS1 and PS2 statistical returns for central government.",
            "PLN-13 The platform should display planning constraints (conservation areas, listed buildings, tree preservation orders, flood zones) for the application site from the Council's GIS layers.",
            "PLN-14 The platform shall record Community Infrastructure Levy liability and Section 106 obligations linked to each permission.",
        ]),
        ("note", "Note: Enforcement of breaches of planning control is not included in this release; "
                 "see PLN-11 for appeals, which are included."),
        ("h1", "6 Payroll for Council employees"),
        ("p", "The Council pays 6,800 employees monthly and 900 casual workers from timesheets."),
        ("table", ["ID", "Requirement", "Priority"], [
            ["PAY-01", "The platform shall hold employee pay records: post, grade, spinal column point, contracted hours, pay elements, bank details, tax code and National Insurance category.", "M"],
            ["PAY-02", "The platform shall calculate monthly gross to net pay, including PAYE income tax, National Insurance, pension contributions, student loan and other deductions.", "M"],
            ["PAY-03", "The platform shall calculate Local Government Pension Scheme contributions using the correct contribution band for each employment and report them to the pension fund monthly.", "M"],
            ["PAY-04", "The platform shall submit Full Payment Submissions and Employer Payment Summaries to HMRC through RTI on or before each pay date.", "M"],
            ["PAY-05", "The platform shall calculate statutory sick pay, statutory maternity, paternity and adoption pay, and the Council's occupational schemes.", "M"],
            ["PAY-06", "Managers shall be able to approve timesheets, overtime and expense claims online, and approved claims shall be paid in the next payroll.", "M"],
            ["PAY-07", "The platform shall apply the annual pay award and incremental progression automatically on the effective dates.", "M"],
            ["PAY-08", "The platform shall process attachment of earnings orders and other court-ordered deductions in priority order.", "M"],
            ["PAY-09", "Employees shall be able to view and download their payslips and P60s through self-service.", "M"],
            ["PAY-10", "The platform shall produce BACS files for net pay and the payroll journals for the general ledger.", "M"],
            ["PAY-11", "The platform shall assess workers for automatic enrolment into a pension scheme and produce the statutory communications.", "M"],
            ["PAY-12", "The platform should allow parallel payroll runs during migration to compare results with the legacy payroll.", "I"],
        ], [1.3, 8, 1]),
        ("h1", "7 Library loans"),
        ("bullets", [
            "LIB-01 Borrowers shall be able to search the library catalogue and see the availability of each title at each of the 14 libraries.",
            "LIB-02 The platform shall issue and discharge items at staff desks and through the existing RFID self-service kiosks using SIP2.",
            "LIB-03 The platform shall calculate due dates from configurable loan rules by item type and borrower category.",
            "LIB-04 Borrowers shall be able to renew loans online, by phone and in person, subject to the renewal limit and any holds on the title.",
            "LIB-05 Borrowers shall be able to reserve titles and choose the library at which to collect them; the platform shall manage the reservation queue.",
            "LIB-06 The platform shall send due-date reminders, overdue notices and reservation-ready notices by email or SMS.",
            "LIB-07 The platform shall record and collect charges for late returns, lost and damaged items, and reservation fees.",
            "LIB-08 The platform shall support the home library service for housebound readers, recording reading preferences and delivery rounds.",
            "LIB-09 The platform should provide branch statistics on issues, renewals, reservations and active borrowers.",
            "LIB-10 The platform shall allow residents to join the library online using their One Brackenford account.",
        ]),
        ("h1", "8 Platform-wide non-functional requirements"),
        ("table", ["ID", "Requirement", "Priority"], [
            ["NFR-01", "The platform shall be available 99.9% of the time, 24 hours a day, with planned maintenance only between 00:00 and 05:00.", "M"],
            ["NFR-02", "Web pages shall load within 2 seconds for 95% of requests with 10,000 concurrent resident sessions.", "M"],
            ["NFR-03", "The platform shall be accredited to the PSN Code of Connection and meet the NCSC Cloud Security Principles; card payments shall comply with PCI DSS.", "M"],
            ["NFR-04", "Resident-facing services shall meet WCAG 2.2 AA and the Council's accessibility statement shall be kept up to date.", "M"],
            ["NFR-05", "The platform shall hold a full audit trail of access to personal data, including payroll and benefits records, for at least seven years.", "M"],
            ["NFR-06", "A resident shall be able to see all their interactions with the Council across services in one account.", "M"],
            ["NFR-07", "The supplier shall provide a documented API for every module so that the Council can integrate other systems without supplier involvement.", "I"],
        ], [1.3, 8, 1]),
        ("p", "End of Output Based Specification."),
    ],
}


ARTS_GRANTS = {
    "filename": "arts-council-grants-portal.pdf",
    "header": "Lowmoor Arts Council - Online Grants Portal - Requirements Specification v1.1",
    "meta": {
        "title": "Online Grants Portal - Requirements Specification",
        "author": "Lowmoor Arts Council",
        "subject": "Requirements for the online grants application portal (RFQ LAC-2024-03)",
        "keywords": "grants, arts, application portal, requirements",
    },
    "title_page": [
        ("title", "Lowmoor Arts Council"),
        ("subtitle", "Online Grants Portal"),
        ("subtitle", "Requirements Specification"),
        ("line", "Request for Quotation LAC-2024-03"),
        ("line", "Version 1.1"),
        ("line", "22 July 2024"),
        ("line", "Contact: Grants and Programmes Manager, Lowmoor Arts Council, 14 Mill Lane, Lowmoor"),
    ],
    "blocks": [
        ("h1", "Revision history"),
        ("table", ["Version", "Date", "Author", "Description"], [
            ["0.1", "10 May 2024", "C. Whitlock", "Initial draft"],
            ["0.2", "3 June 2024", "C. Whitlock", "Assessment and payment sections after panel members' feedback"],
            ["1.0", "1 July 2024", "E. Osei", "Approved by the Board"],
            ["1.1", "22 July 2024", "E. Osei", "Clarified data protection and accessibility"],
        ], [1, 2.2, 2.2, 6]),
        ("h1", "Contents"),
        ("toc", [
            ("1 Introduction", 2), ("1.1 Purpose", 2), ("1.2 Scope", 2), ("1.3 Definitions", 3),
            ("1.4 Assumptions", 3), ("1.5 References", 4), ("2 Grant programmes", 4),
            ("3 Requirements", 5), ("3.1 Applicant accounts and eligibility", 5),
            ("3.2 Application forms", 6), ("3.3 Assessment", 7), ("3.4 Decisions and offers", 8),
            ("3.5 Payments and monitoring", 9), ("3.6 Administration and reporting", 10),
            ("4 Quality requirements", 11),
        ]),
        ("pagebreak",),
        ("h1", "1 Introduction"),
        ("h2", "1.1 Purpose"),
        ("p", "Lowmoor Arts Council is a small independent charity which distributes around "
              "GBP 1.4 million a year of public funding to artists, community groups and arts "
              "organisations in the Lowmoor region. Applications are currently made on Word forms "
              "sent by email, and assessments are tracked in spreadsheets. This document describes "
              "the online grants portal we wish to commission to manage our grants from application "
              "to final report."),
        ("h2", "1.2 Scope"),
        ("p", "The portal will be used by applicants, by our five-person grants team, by the "
              "external assessors and panel members who score applications, and by the finance "
              "officer. It covers all three of our open grant programmes (see section 2)."),
        ("p", "The following are not part of this work:"),
        ("bullets", [
            "Our public website, which will link to the portal but stays on its current platform.",
            "Accounting and bank payments, which remain in our accounting package; the portal exports payment files to it.",
            "Fundraising from private donors and the Friends membership scheme.",
        ]),
        ("h2", "1.3 Definitions"),
        ("p", "Applicant: an individual artist or an organisation that applies for a grant."),
        ("p", "Programme: a grant scheme with its own guidance, budget, eligibility rules and deadlines."),
        ("p", "Round: a period during which applications to a programme are open, ending with a deadline."),
        ("p", "Assessor: a freelance arts specialist contracted to score applications against the published criteria."),
        ("p", "Panel: the group of Board members and external advisers that makes funding decisions on the basis of assessors' scores."),
        ("p", "Grant holder: an applicant that has accepted a grant offer."),
        ("h2", "1.4 Assumptions"),
        ("bullets", [
            "The portal will be provided as a hosted service (software as a service) with configuration rather than bespoke development.",
            "We expect around 450 applications a year, with peaks of up to 150 in the week before a deadline.",
            "Payments to grant holders are made by bank transfer from our accounting package.",
        ]),
        ("h2", "1.5 References"),
        ("numbered", [
            "Lowmoor Arts Council, Grants Guidance for Applicants 2024/25.",
            "Lowmoor Arts Council, Conflicts of Interest Policy, 2023.",
            "UK GDPR and the Data Protection Act 2018.",
            "Web Content Accessibility Guidelines (WCAG) 2.2.",
        ]),
        ("h1", "2 Grant programmes"),
        ("table", ["Programme", "Award range", "Rounds per year", "Decision by"], [
            ["Develop Your Practice (individuals)", "GBP 500 - 5,000", "4", "Grants team with one assessor"],
            ["Community Arts Fund", "GBP 1,000 - 15,000", "3", "Panel"],
            ["Organisations Fund (two-year)", "GBP 15,000 - 60,000", "1", "Panel and Board"],
        ], [4, 2.5, 2, 3.5]),
        ("h1", "3 Requirements"),
        ("p", "Each requirement is numbered GP-nn. Words \"must\" and \"shall\" indicate essential "
              "requirements; \"should\" indicates a requirement we would like but could do without."),
        ("h2", "3.1 Applicant accounts and eligibility"),
        ("req", "GP-01", "Applicants must be able to register for an account with an email address and password, and an organisation must be able to give more than one person access to its account."),
        ("req", "GP-02", "The portal must hold the applicant's profile (contact details, artform, location, organisation type, charity or company number) and reuse it in every application."),
        ("req", "GP-03", "The portal shall ask a short set of eligibility questions before an application is started. If the applicant is not eligible, then the portal shall explain why and point them to the relevant guidance."),
        ("req", "GP-04", "The portal shall stop an applicant from having more than one live application to the same programme at the same time."),
        ("req", "GP-05", "As an applicant with access needs, I want to ask for support to apply (for example a phone conversation or a video application) so that the process is fair to me."),
        ("h2", "3.2 Application forms"),
        ("req", "GP-06", "The grants team must be able to build an application form for each programme and round, with sections, questions, word limits, conditional questions and help text, without help from the supplier."),
        ("req", "GP-07", "The portal shall autosave the application as the applicant types and let them return to it at any time before the deadline."),
        ("req", "GP-08", "Applicants shall be able to enter a project budget of income and expenditure lines. The portal shall check that the budget balances and that the amount requested is within the award range of the programme."),
        ("req", "GP-09", "Applicants shall be able to upload supporting material (CVs, images, audio or video links, letters of support) up to the limits set for the programme."),
        ("req", "GP-10", "The portal should allow applicants to submit a video or audio recording instead of written answers to the main questions."),
        ("req", "GP-11", "When the round deadline passes, the portal shall close the form and shall not accept further submissions, except where the grants team has granted an individual extension."),
        ("req", "GP-12", "The portal shall send an acknowledgement email with a PDF copy of the submitted application and its reference number."),
        ("h2", "3.3 Assessment"),
        ("req", "GP-13", "The grants team shall be able to check each submitted application for completeness and eligibility, and either pass it to assessment or reject it with a reason."),
        ("req", "GP-14", "The portal shall allow the grants team to allocate applications to assessors, taking account of artform expertise and declared conflicts of interest."),
        ("req", "GP-15", "Assessors shall be able to declare a conflict of interest on any application allocated to them; the application shall then be reallocated and hidden from that assessor."),
        ("req", "GP-16", "Assessors shall score each application against the programme's criteria on a 1 to 5 scale with a written comment for each criterion."),
        ("req", "GP-17", "The portal shall calculate weighted total scores and rank applications within each round."),
        ("req", "GP-18", "The portal shall produce a panel paper for each round listing applications with their scores, assessor summaries, amount requested and the running total against the round budget."),
        ("req", "GP-19", "As a panel member, I want to see the applications and scores on a tablet during the meeting so that I do not need printed papers."),
        ("h2", "3.4 Decisions and offers"),
        ("req", "GP-20", "The portal shall record the panel's decision (award, award with conditions, reduced award, decline) and the amount awarded for each application."),
        ("req", "GP-21", "The portal shall send decision letters from templates, including feedback drawn from the assessors' comments for declined applicants."),
        ("req", "GP-22", "The portal shall issue a grant offer with the standard terms and conditions and any special conditions. Grant holders must accept the offer online within 28 days, otherwise the offer lapses."),
        ("req", "GP-23", "Applicants shall be able to request feedback and make a complaint about the process through the portal, and the grants team shall be able to record the response."),
        ("h2", "3.5 Payments and monitoring"),
        ("req", "GP-24", "The portal shall create a payment schedule for each grant (for example 90% on acceptance and 10% on approval of the final report) based on the programme's rules."),
        ("req", "GP-25", "When a payment condition is met, the portal shall release the instalment for approval by the finance officer and include approved instalments in a weekly payment file for the accounting package."),
        ("req", "GP-26", "Grant holders shall be able to submit progress and final reports through the portal, including audience numbers, photographs and actual spend against budget."),
        ("req", "GP-27", "The portal shall remind grant holders of reports due 14 days before the due date and flag overdue reports to the grants team."),
        ("req", "GP-28", "Grant holders shall be able to request a variation to their project (dates, activities or budget) and the grants team shall approve or refuse it in the portal."),
        ("req", "GP-29", "The portal should record underspends and repayment of unused grant."),
        ("note", "Note: Requirements GP-24 to GP-29 apply to all programmes. The Organisations Fund also "
                 "needs six-monthly reports, configured as in GP-26."),
        ("h2", "3.6 Administration and reporting"),
        ("req", "GP-30", "The grants team shall be able to set up programmes and rounds with budgets, dates, forms, criteria and email templates."),
        ("req", "GP-31", "The portal shall provide reports on applications received, success rates, amounts awarded and equality monitoring data, by programme, round, artform and area."),
        ("req", "GP-32", "Equality monitoring answers shall be collected separately from the application and shall not be visible to assessors or the panel."),
        ("h1", "4 Quality requirements"),
        ("bullets", [
            "QR-01 The portal must meet WCAG 2.2 level AA, and application forms must work with common screen readers.",
            "QR-02 The portal must remain responsive (pages in under 3 seconds) with 150 applicants submitting in the final 24 hours before a deadline.",
            "QR-03 Personal data must be hosted in the UK or EEA, encrypted in transit and at rest, and deleted seven years after the end of a grant or two years after an unsuccessful application.",
            "QR-04 Staff and assessor accounts must use two-factor authentication.",
            "QR-05 The service should be available at least 99.5% of the time, and the supplier must give at least five working days' notice of planned maintenance, which must never fall in the week before a deadline.",
        ]),
        ("p", "End of document."),
    ],
}


OUTPATIENT = {
    "filename": "outpatients-rostering-and-pharmacy.pdf",
    "header": "St Aldhelm's Community Hospitals NHS Trust - Clinical Support Systems Specification v1.0",
    "meta": {
        "title": "Clinical Support Systems - Outpatients, Rostering and Pharmacy Stock - Requirements Specification",
        "author": "St Aldhelm's Community Hospitals NHS Trust, Digital Services",
        "subject": "Requirements specification for tender SACH-DS-0419",
        "keywords": "outpatients, appointments, rostering, pharmacy, stock control",
    },
    "title_page": [
        ("title", "St Aldhelm's Community Hospitals NHS Trust"),
        ("subtitle", "Clinical Support Systems Procurement"),
        ("subtitle", "Requirements Specification"),
        ("line", "Lot 1: Outpatient appointments; Lot 2: Staff rostering; Lot 3: Pharmacy stock management"),
        ("line", "Tender reference: SACH-DS-0419"),
        ("line", "Version 1.0 - 5 February 2025"),
        ("line", "Prepared by: Digital Services Business Analysis Team"),
    ],
    "blocks": [
        ("h1", "Revision history"),
        ("table", ["Version", "Date", "Author", "Change"], [
            ["0.1", "18/11/2024", "J. Carrow", "Outpatients requirements"],
            ["0.2", "02/12/2024", "J. Carrow, N. Iqbal", "Rostering requirements from Workforce"],
            ["0.3", "16/12/2024", "N. Iqbal", "Pharmacy stock requirements from Chief Pharmacist"],
            ["1.0", "05/02/2025", "N. Iqbal", "Approved by Digital Programme Board"],
        ], [1, 2, 3, 6]),
        ("h1", "Contents"),
        ("toc", [
            ("1 Introduction", 2), ("1.1 Purpose", 2), ("1.2 Scope", 2), ("1.3 Glossary", 3),
            ("1.4 Assumptions", 3), ("1.5 References", 4),
            ("2 Lot 1: Outpatient appointments", 4), ("2.1 Referrals", 4), ("2.2 Clinics and booking", 5),
            ("2.3 Attendance and follow-up", 6),
            ("3 Lot 2: Staff rostering", 7), ("4 Lot 3: Pharmacy stock management", 9),
            ("5 Non-functional requirements (all lots)", 11),
        ]),
        ("pagebreak",),
        ("h1", "1 Introduction"),
        ("h2", "1.1 Purpose"),
        ("p", "The Trust runs four community hospitals with 180 inpatient beds, outpatient clinics "
              "in 26 specialties and two hospital pharmacies. This specification describes the "
              "Trust's requirements for three clinical support systems being procured together "
              "to reduce procurement cost. Bidders may bid for one, two or all three lots."),
        ("h2", "1.2 Scope"),
        ("p", "Lot 1 covers referral management and outpatient appointment booking. Lot 2 covers "
              "rostering of nursing, therapy and support staff. Lot 3 covers stock control in the "
              "Trust's pharmacies and ward drug cupboards."),
        ("p", "Out of scope:"),
        ("bullets", [
            "Electronic prescribing and medicines administration on wards (a separate national programme).",
            "Inpatient bed management and theatre scheduling.",
            "Payroll, which is provided by the shared services partner; Lot 2 sends it timesheet data.",
            "Medical staff job planning.",
        ]),
        ("h2", "1.3 Glossary"),
        ("p", "e-RS: the NHS e-Referral Service, through which GPs refer patients for a first outpatient appointment."),
        ("p", "RTT: Referral to Treatment, the national 18-week waiting time standard."),
        ("p", "DNA: Did Not Attend, when a patient misses an appointment without telling the hospital."),
        ("p", "Roster period: a four-week period for which a ward's roster is produced."),
        ("p", "Bank staff: Trust staff who work flexible additional shifts through the Trust's staff bank."),
        ("p", "Controlled drug (CD): a medicine subject to the Misuse of Drugs Regulations 2001, which must be recorded in a CD register."),
        ("p", "Top-up: the regular replenishment of a ward's medicines stock to agreed levels by pharmacy staff."),
        ("h2", "1.4 Assumptions"),
        ("bullets", [
            "The Trust's patient administration system (PAS) remains the master patient index; Lot 1 integrates with it through HL7 FHIR.",
            "Staff records come from the national Electronic Staff Record (ESR) through its standard interface.",
            "Medicines are ordered from wholesalers through the NHS Supply Chain and wholesaler electronic ordering.",
        ]),
        ("h2", "1.5 References"),
        ("numbered", [
            "NHS England, Referral to Treatment Consultant-led Waiting Times Rules Suite.",
            "NHS Employers, Rostering good practice guidance, 2022.",
            "Working Time Regulations 1998.",
            "Misuse of Drugs Regulations 2001; Safer Management of Controlled Drugs Regulations 2013.",
            "Royal Pharmaceutical Society, Professional guidance on the safe and secure handling of medicines, 2018.",
        ]),
        ("h1", "2 Lot 1: Outpatient appointments"),
        ("h2", "2.1 Referrals"),
        ("req", "OPD-01", "The system shall receive referrals from the NHS e-Referral Service and from other sources (consultant-to-consultant, emergency department, paper letters scanned on receipt)."),
        ("req", "OPD-02", "The system shall allow clinicians to triage referrals, assigning urgency (two-week wait, urgent, routine), the clinic type and any tests needed before the appointment."),
        ("req", "OPD-03", "The system shall start the RTT clock on receipt of a referral and track each pathway's waiting time against the 18-week standard."),
        ("req", "OPD-04", "If a referral is not triaged within three working days, then the system shall escalate it to the specialty's service manager."),
        ("h2", "2.2 Clinics and booking"),
        ("req", "OPD-05", "The system shall hold clinic templates for each clinician and location with slot types (new, follow-up, procedure), durations and booking rules."),
        ("req", "OPD-06", "The system shall offer booking staff the earliest suitable slots for a referral, in order of clinical priority and then length of wait."),
        ("req", "OPD-07", "Patients shall be able to choose, change or cancel their appointment online through a patient portal, within the booking rules of the clinic."),
        ("req", "OPD-08", "The system shall send appointment letters by the patient's preferred channel and SMS reminders seven days and two days before the appointment."),
        ("req", "OPD-09", "When a clinic is cancelled at short notice, the system shall list the affected patients and offer them the next available suitable slots."),
        ("req", "OPD-10", "The system should support video consultations by sending the patient a link and showing the clinician a virtual waiting room."),
        ("h2", "2.3 Attendance and follow-up"),
        ("req", "OPD-11", "The system shall record arrival at a self-service check-in kiosk or reception desk and show the clinician the waiting list for the clinic."),
        ("req", "OPD-12", "The system shall record the clinic outcome (discharge, follow-up, patient-initiated follow-up, listed for treatment) and update the RTT status."),
        ("req", "OPD-13", "If a patient does not attend, then the system shall apply the Trust's DNA policy: a second DNA for a routine appointment leads to discharge back to the GP after clinical review."),
        ("req", "OPD-14", "The system shall maintain follow-up waiting lists with a due date for each patient and highlight patients waiting beyond their due date."),
        ("req", "OPD-15", "As a service manager, I want to see clinic utilisation, DNA rates and waiting times by specialty so that I can plan extra clinics where the waits are longest."),
        ("h1", "3 Lot 2: Staff rostering"),
        ("req", "ROS-01", "The system shall hold the establishment of each ward and department: funded posts by band and skill, and the safe staffing levels required for each shift."),
        ("req", "ROS-02", "The system shall create rosters for a four-week roster period, published at least six weeks before the period starts."),
        ("req", "ROS-03", "The system shall apply rostering rules: Working Time Regulations limits, minimum rest between shifts, maximum consecutive nights and the skill mix required on each shift."),
        ("req", "ROS-04", "Staff shall be able to enter shift requests and annual leave requests through a mobile app, and managers shall be able to approve them."),
        ("req", "ROS-05", "The system should propose an automatically generated roster that meets the rules and as many staff requests as possible, for the ward manager to adjust."),
        ("req", "ROS-06", "The system shall show the ward manager, for every shift, whether planned staffing meets the safe staffing level, and highlight shortfalls in red."),
        ("req", "ROS-07", "When a shift falls short of the safe staffing level, the system shall allow the manager to send it to the staff bank, where bank staff can book it through the app."),
        ("req", "ROS-08", "If a shift cannot be filled by the bank within 48 hours of the shift start, then the system shall allow it to be released to approved agencies, with approval recorded."),
        ("req", "ROS-09", "The system shall record sickness absence, study leave and other absences against the roster and calculate the headroom used."),
        ("req", "ROS-10", "The system shall export worked hours, unsocial hours enhancements and overtime to payroll after the manager has confirmed the roster as worked."),
        ("req", "ROS-11", "The system shall report roster key performance indicators: annual leave within 11-17%, unused hours, bank and agency use, and the percentage of rosters approved on time."),
        ("req", "ROS-12", "As a nurse, I want to swap a shift with a colleague through the app, subject to my manager's approval, so that I can manage my commitments."),
        ("h1", "4 Lot 3: Pharmacy stock management"),
        ("req", "PHS-01", "The system shall maintain the stock of every medicine and pharmacy product in each pharmacy store, by pack size, batch number and expiry date."),
        ("req", "PHS-02", "The system shall create purchase orders to wholesalers when stock falls below the reorder level and send them electronically."),
        ("req", "PHS-03", "The system shall record goods received against purchase orders, including batch and expiry, by scanning the GS1 barcode on each pack."),
        ("req", "PHS-04", "The system shall manage ward top-up lists with agreed stock levels, produce top-up picking lists and record the quantity supplied to each ward."),
        ("req", "PHS-05", "The system shall record issues of medicines to named patients and to wards and charge them to the correct cost centre."),
        ("req", "PHS-06", "The system shall keep an electronic controlled drugs register meeting the Misuse of Drugs Regulations, with running balances and two-person witnessing of each entry."),
        ("req", "PHS-07", "The system shall report stock due to expire in the next 90 days so that it can be used first or moved to another site."),
        ("req", "PHS-08", "When a medicine is subject to a national recall or a supply disruption alert, the system shall identify all stock of the affected batches by location."),
        ("req", "PHS-09", "The system shall support periodic stock takes with handheld scanners and post the adjustments with a reason."),
        ("req", "PHS-10", "The system should suggest alternative products when a line is out of stock at the wholesaler."),
        ("req", "PHS-11", "The system shall provide monthly reports of stock value, stock turn, wastage and expenditure by ward and by BNF chapter."),
        ("note", "Note: Aseptic production records are excluded; PHS-06 covers controlled drugs in all "
                 "pharmacy and ward locations."),
        ("h1", "5 Non-functional requirements (all lots)"),
        ("bullets", [
            "NFR-1 Each system shall be available 99.9% of the time; Lot 3 shall provide a read-only copy of stock and CD balances usable during an outage.",
            "NFR-2 Each system shall meet the Data Security and Protection Toolkit standards and NHS DCB0129 clinical risk management, with a named clinical safety officer.",
            "NFR-3 Staff shall sign in with NHS smartcards or the Trust's single sign-on.",
            "NFR-4 Screens used in clinics and on wards shall respond in under 2 seconds for 95% of actions.",
            "NFR-5 Patient-facing interfaces shall meet WCAG 2.2 AA and NHS digital service manual standards.",
            "NFR-6 The supplier shall provide 24/7 support for priority 1 incidents with a four-hour fix time.",
        ]),
        ("p", "End of specification."),
    ],
}


DOCUMENTS = [FOOD_HYGIENE, UNIFIED_CITIZEN, ARTS_GRANTS, OUTPATIENT]
# fmt: on
