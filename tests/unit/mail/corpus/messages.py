"""The corpus itself: 97 messages, labelled (see the package docstring); the last ten
(HELD_OUT) were written after the rules and never used to tune them."""

from __future__ import annotations

from tests.unit.mail.corpus import Sample

UNSUB = {"List-Unsubscribe": "<mailto:unsubscribe@example.net>", "Precedence": "bulk"}
GH = "no-reply@us.greenhouse-mail.io"

ACKNOWLEDGEMENTS = [
    Sample(f"Acme Robotics <{GH}>", "Thank you for applying to Acme Robotics",
           "Hi Alex,\n\nThank you for applying to the Backend Engineer role at Acme Robotics. "
           "Our team will review your application and will be in touch if your background "
           "fits what we need.\n\nBest,\nAcme Robotics Recruiting", "2026-10-01 18:02",
           "acknowledgement", "A00001"),
    Sample(f"Acme Robotics <{GH}>", "Thank you for applying to Acme Robotics",
           "Hi Alex,\n\nThank you for applying to the Frontend Engineer role at Acme Robotics. "
           "We've received your application and our team is reviewing it.\n\nAcme Robotics",
           "2026-10-10 09:15", "acknowledgement", "A00010"),
    Sample("Initech <no-reply@hire.lever.co>", "Initech - Data Analyst: application received",
           "Hi Alex,\n\nThanks for your application to Initech for the Data Analyst position. "
           "Someone from our team will review it shortly.\n\n— The Initech Team",
           "2026-10-03 12:40", "acknowledgement", "A00002"),
    Sample("Umbrella Health <umbrellahealth@myworkday.com>",
           "Your application for Product Manager",
           "Dear Alex Morgan,\n\nThank you for your interest in Umbrella Health. We have "
           "received your application for Product Manager (R-1022).\n\nYou can track its "
           "status in your candidate home.\n\nUmbrella Health Talent Acquisition",
           "2026-10-05 08:00", "acknowledgement", "A00003", html=True),
    Sample("Stark Industries <noreply@smartrecruiters.com>",
           "Stark Industries: Application Received - Frontend Developer",
           "Hello Alex,\n\nThank you for your application for the position Frontend Developer "
           "at Stark Industries. We will carefully review it.\n\nKind regards,\nStark "
           "Industries Recruiting", "2026-10-06 10:11", "acknowledgement", "A00005"),
    Sample("Wayne Enterprises <no-reply@ashbyhq.com>", "Thanks for applying to Wayne Enterprises",
           "Hi Alex,\n\nThanks for applying for Data Engineer at Wayne Enterprises! We have "
           "received your application and will be in touch.\n\nWayne Enterprises",
           "2026-10-07 16:20", "acknowledgement", "A00006"),
    Sample("Pied Piper <noreply@workablemail.com>", "Thanks for applying to Pied Piper",
           "Hi Alex,\n\nThank you for your application for Platform Engineer at Pied Piper. "
           "Your application was received and our hiring team will review it.\n\nPied Piper",
           "2026-10-11 11:45", "acknowledgement", "A00013"),
    Sample("Brandt Logistik Karriere <karriere@brandt-logistik.de>",
           "Eingangsbestätigung Ihrer Bewerbung als Softwareentwickler Java",
           "Sehr geehrter Herr Morgan,\n\nvielen Dank für Ihre Bewerbung und Ihr Interesse an "
           "Brandt Logistik. Ihre Bewerbung ist eingegangen; wir melden uns in Kürze.\n\n"
           "Mit freundlichen Grüßen\nIhr Recruiting-Team", "2026-10-04 14:00",
           "acknowledgement", "A00007"),
    Sample("Lumière Conseil RH <rh@lumiere-conseil.fr>", "Votre candidature – Consultant Data",
           "Bonjour Alex,\n\nNous avons bien reçu votre candidature pour le poste de "
           "Consultant Data et nous vous en remercions.\n\nL'équipe RH", "2026-10-08 09:30",
           "acknowledgement", "A00008"),
    Sample("Soluciones Norte <rrhh@solucionesnorte.es>", "Tu candidatura: Analista de Datos",
           "Hola Alex,\n\nGracias por tu candidatura al puesto de Analista de Datos. La "
           "revisaremos con atención.\n\nUn saludo,\nRecursos Humanos", "2026-10-09 13:05",
           "acknowledgement", "A00009"),
    Sample("Tyrell Careers <careers@tyrellcorp.com>", "Application received: QA Engineer",
           "Dear Alex,\n\nWe have received your application for QA Engineer. Thank you for "
           "considering Tyrell.\n\nTyrell Talent", "2026-10-13 07:55", "acknowledgement",
           "A00014"),
    Sample("Hooli Jobs <no-reply@hooli.com>", "We received your application",
           "Hi Alex, thanks for applying to Hooli for Site Reliability Engineer. We've "
           "received your application and will review it soon.", "2026-10-02 20:10",
           "acknowledgement", "A00004"),
    Sample("Miles Dyson <miles.dyson.recruiting@gmail.com>", "Re: Machine Learning Engineer",
           "Hi Alex,\n\nThanks for your application, I have passed it on to the team.\n\n"
           "Miles", "2026-10-12 17:30", "acknowledgement", "A00012"),
]

INVITATIONS = [
    Sample("Initech <no-reply@hire.lever.co>", "Initech: let's talk about Data Analyst",
           "Hi Alex,\n\nThanks again for applying. We'd like to invite you to a 30-minute "
           "phone screen with our team. Please pick a time that works for you using the link "
           "below.\n\nInitech Recruiting", "2026-10-14 10:00", "invitation", "A00002"),
    Sample("Umbrella Health <umbrellahealth@myworkday.com>", "Next steps: Product Manager",
           "Dear Alex,\n\nWe were impressed by your application and would like to schedule an "
           "interview with the hiring manager as the next step in our process.\n\nUmbrella "
           "Health Talent Acquisition", "2026-10-16 09:12", "invitation", "A00003"),
    Sample("Stark Industries <noreply@smartrecruiters.com>",
           "Stark Industries would like to speak with you",
           "Hello Alex,\n\nWe would love to speak with you about Frontend Developer. Please "
           "book a time in our calendar.\n\nStark Industries", "2026-10-18 15:40",
           "invitation", "A00005"),
    Sample("Wayne Enterprises <no-reply@ashbyhq.com>", "Wayne Enterprises: next round",
           "Hi Alex,\n\nGreat news: the team would like to move you forward to the next round "
           "for Data Engineer. You will get a scheduling link shortly.\n\nWayne Enterprises",
           "2026-10-19 12:30", "invitation", "A00006"),
    Sample("Brandt Logistik Karriere <karriere@brandt-logistik.de>",
           "Einladung zum Vorstellungsgespräch",
           "Sehr geehrter Herr Morgan,\n\nIhre Unterlagen haben uns überzeugt. Wir möchten Sie "
           "gerne zu einem Gespräch einladen und Sie persönlich kennenlernen. Bitte nennen "
           "Sie uns passende Termine.\n\nMit freundlichen Grüßen", "2026-10-15 11:00",
           "invitation", "A00007"),
    Sample("Lumière Conseil RH <rh@lumiere-conseil.fr>", "Votre candidature – entretien",
           "Bonjour Alex,\n\nVotre profil nous intéresse : nous souhaitons vous inviter à un "
           "entretien avec notre directrice data. Merci de nous indiquer vos disponibilités."
           "\n\nL'équipe RH", "2026-10-17 10:20", "invitation", "A00008"),
    Sample("Soluciones Norte <rrhh@solucionesnorte.es>", "Entrevista: Analista de Datos",
           "Hola Alex,\n\nNos gustaría invitarte a una entrevista para el puesto de Analista de "
           "Datos. Indícanos qué días te vienen bien.\n\nUn saludo", "2026-10-18 09:45",
           "invitation", "A00009"),
    Sample("Miles Dyson <miles.dyson.recruiting@gmail.com>", "Next round",
           "Alex, the team liked the first chat. They would like to speak with you again in a "
           "next round with two engineers. When are you free?\n\nMiles", "2026-10-20 18:05",
           "invitation", "A00012"),
    Sample("Pied Piper <noreply@workablemail.com>", "Pied Piper: technical interview",
           "Hi Alex,\n\nWe'd like to invite you to a technical interview for Platform "
           "Engineer. Please choose a time from the slots below.\n\nPied Piper",
           "2026-10-21 14:14", "invitation", "A00013"),
    Sample("Leon Kowalski <l.kowalski@tyrellcorp.com>", "QA Engineer: onsite interview",
           "Hi Alex,\n\nWe'd like to invite you for an onsite interview with the QA team. "
           "Please select a time next week that suits you.\n\nLeon", "2026-10-15 16:00",
           "invitation", "A00014"),
    Sample("Jane Doe <jane.doe@acmerobotics.com>", "Frontend Engineer at Acme Robotics",
           "Hi Alex,\n\nThanks for your interest in the Frontend Engineer role. I'd like to "
           "set up a call to tell you more about the team.\n\nJane", "2026-10-28 10:30",
           "invitation", "A00010"),
]

REQUESTS = [
    Sample("Initech <no-reply@hire.lever.co>", "Initech: coding challenge",
           "Hi Alex,\n\nAs part of our process for Data Analyst we use a short HackerRank "
           "coding challenge. You have 5 days to complete it.\n\nInitech", "2026-10-24 08:30",
           "request", "A00002"),
    Sample("Stark Industries <noreply@smartrecruiters.com>", "Your take-home assignment",
           "Hello Alex,\n\nPlease find below your take-home assignment for Frontend Developer at "
           "Stark Industries. Send it back within a week.\n\nStark Industries",
           "2026-10-26 13:00", "request", "A00005"),
    Sample("Umbrella Health <umbrellahealth@myworkday.com>", "A few more details",
           "Dear Alex,\n\nBefore we continue, could you please send us your salary expectations "
           "and two references?\n\nUmbrella Health Talent Acquisition", "2026-10-27 10:10",
           "request", "A00003"),
    Sample("Wayne Enterprises <no-reply@ashbyhq.com>", "Wayne Enterprises: online assessment",
           "Hi Alex,\n\nYour online assessment for Data Engineer is ready on Codility. The "
           "assessment link expires in 7 days.\n\nWayne Enterprises", "2026-10-29 09:00",
           "request", "A00006"),
    Sample("Brandt Logistik Karriere <karriere@brandt-logistik.de>", "Fehlende Unterlagen",
           "Sehr geehrter Herr Morgan,\n\nfür Ihre Bewerbung fehlen uns noch Zeugnisse. Bitte "
           "senden Sie uns diese zusammen mit Ihrer Gehaltsvorstellung.\n\nMit freundlichen "
           "Grüßen", "2026-10-20 15:30", "request", "A00007"),
    Sample("Lumière Conseil RH <rh@lumiere-conseil.fr>", "Test technique – Consultant Data",
           "Bonjour Alex,\n\nVoici le lien vers notre test technique. Vous avez une semaine "
           "pour le réaliser.\n\nL'équipe RH", "2026-10-23 10:00", "request", "A00008"),
    Sample("Soluciones Norte <rrhh@solucionesnorte.es>", "Prueba técnica",
           "Hola Alex,\n\nTe enviamos la prueba técnica para el puesto de Analista de Datos. "
           "Tienes cinco días para entregarla.\n\nUn saludo", "2026-10-24 12:00", "request",
           "A00009"),
    Sample("Pied Piper <noreply@workablemail.com>", "Pied Piper: case study",
           "Hi Alex,\n\nAttached is a short case study about our compression platform. Please "
           "bring your thoughts along.\n\nPied Piper", "2026-10-30 10:00", "request", "A00013"),
]

SCHEDULING = [
    Sample(f"Acme Robotics <{GH}>", "Interview confirmation: Backend Engineer - round 2",
           "Hi Alex,\n\nYour interview is confirmed for Tuesday, November 3, 2026 at 2:00 PM "
           "(Google Meet). You will meet two engineers from the backend team.\n\nAcme Robotics",
           "2026-10-28 11:00", "scheduling", "A00001"),
    Sample("Initech <no-reply@hire.lever.co>", "Invitation: Interview with Initech",
           "Hi Alex,\n\nPlease find the calendar invitation for your Data Analyst interview "
           "attached.\n\nInitech", "2026-10-20 09:00", "scheduling", "A00002",
           ics="20261023T150000"),
    Sample("Umbrella Health <umbrellahealth@myworkday.com>", "Interview scheduled",
           "Dear Alex,\n\nYour interview has been scheduled for 28.10.2026 10:30 with the "
           "Product Manager hiring team.\n\nUmbrella Health", "2026-10-21 08:40", "scheduling",
           "A00003"),
    Sample("Stark Industries <noreply@smartrecruiters.com>", "You're confirmed",
           "Hello Alex,\n\nYou're confirmed: video interview on November 9 at 11:00 AM via "
           "Zoom for Frontend Developer.\n\nStark Industries", "2026-11-02 10:00", "scheduling",
           "A00005"),
    Sample("Wayne Enterprises <no-reply@ashbyhq.com>", "Interview details",
           "Hi Alex,\n\nInterview details: 2026-11-12 16:00, onsite at our office in "
           "Gotham.\n\nWayne Enterprises", "2026-11-03 12:00", "scheduling", "A00006"),
    Sample("Brandt Logistik Karriere <karriere@brandt-logistik.de>", "Termin bestätigt",
           "Sehr geehrter Herr Morgan,\n\nTermin bestätigt: Ihr Vorstellungsgespräch am 29. "
           "Oktober 2026 um 14:00 Uhr findet vor Ort statt.\n\nMit freundlichen Grüßen",
           "2026-10-22 09:00", "scheduling", "A00007"),
    Sample("Lumière Conseil RH <rh@lumiere-conseil.fr>", "Confirmation de votre entretien",
           "Bonjour Alex,\n\nVotre entretien est confirmé le 4 novembre 2026 à 10h30 dans nos "
           "locaux.\n\nL'équipe RH", "2026-10-26 10:00", "scheduling", "A00008"),
    Sample("Soluciones Norte <rrhh@solucionesnorte.es>", "Confirmación de tu entrevista",
           "Hola Alex,\n\nTu entrevista está programada para el 5 de noviembre de 2026 a las "
           "9:30 por videollamada.\n\nUn saludo", "2026-10-28 16:00", "scheduling", "A00009"),
    Sample("Priya Raman <priya.raman@hooli.com>", "Interview confirmation: round 2",
           "Hi Alex,\n\nThis confirms your interview on November 12, 2026 at 3:30 PM: a panel "
           "interview with three engineers.\n\nPriya", "2026-11-05 09:00", "scheduling",
           "A00004"),
    Sample("Leon Kowalski <l.kowalski@tyrellcorp.com>", "Final interview",
           "Hi Alex,\n\nThe final interview is scheduled; the calendar invitation is attached. "
           "It is the final round with our director.\n\nLeon", "2026-11-02 13:00", "scheduling",
           "A00014", ics="20261110T090000"),
    Sample("Pied Piper <noreply@workablemail.com>", "Your interview is scheduled",
           "Hi Alex,\n\nYour interview is scheduled for November 10 at 1:00 PM for Platform "
           "Engineer.\n\nPied Piper", "2026-11-04 10:00", "scheduling", "A00013"),
    Sample("Miles Dyson <miles.dyson.recruiting@gmail.com>", "Confirmed: Friday",
           "Alex, this confirms your interview on Oct 30 at 4 pm, a phone call with our "
           "lead.\n\nMiles", "2026-10-27 19:00", "scheduling", "A00012"),
]

REJECTIONS = [
    Sample(f"Acme Robotics <{GH}>", "Your application to Acme Robotics",
           "Hi Alex,\n\nThank you for taking the time to interview for the Backend Engineer "
           "role. Unfortunately, we have decided to move forward with other candidates.\n\n"
           "Acme Robotics", "2026-11-20 10:00", "rejection", "A00001"),
    Sample("Initech <no-reply@hire.lever.co>", "Initech - Data Analyst",
           "Hi Alex,\n\nThank you for your interest in Initech. After careful review we will "
           "not be moving forward with your application.\n\nInitech", "2026-11-10 08:00",
           "rejection", "A00002"),
    Sample("Umbrella Health <umbrellahealth@myworkday.com>", "Update on your application",
           "Dear Alex,\n\nAfter careful consideration, we regret to inform you that we will not "
           "be progressing your application for Product Manager.\n\nUmbrella Health",
           "2026-11-12 09:00", "rejection", "A00003", html=True),
    Sample("Priya Raman <priya.raman@hooli.com>", "Site Reliability Engineer",
           "Hi Alex,\n\nThank you for your time. Following your interview the team decided not "
           "to proceed.\n\nPriya", "2026-11-25 17:00", "rejection", "A00004"),
    Sample("Brandt Logistik Karriere <karriere@brandt-logistik.de>", "Ihre Bewerbung",
           "Sehr geehrter Herr Morgan,\n\nleider müssen wir Ihnen mitteilen, dass wir uns für "
           "einen anderen Kandidaten entschieden haben.\n\nMit freundlichen Grüßen",
           "2026-11-15 10:00", "rejection", "A00007"),
    Sample("Lumière Conseil RH <rh@lumiere-conseil.fr>", "Votre candidature",
           "Bonjour Alex,\n\nNous avons le regret de vous informer que votre candidature n'a "
           "pas été retenue.\n\nL'équipe RH", "2026-11-14 09:00", "rejection", "A00008"),
    Sample("Soluciones Norte <rrhh@solucionesnorte.es>", "Proceso de selección",
           "Hola Alex,\n\nLamentamos informarte de que hemos decidido seguir adelante con otros "
           "candidatos.\n\nUn saludo", "2026-11-16 11:00", "rejection", "A00009"),
    Sample("Stark Industries <noreply@smartrecruiters.com>", "Frontend Developer",
           "Hello Alex,\n\nThank you for applying. We would like to let you know that the "
           "position has been filled.\n\nStark Industries", "2026-11-18 12:00", "rejection",
           "A00005"),
    Sample("Leon Kowalski <l.kowalski@tyrellcorp.com>", "QA Engineer",
           "Hi Alex,\n\nThank you for meeting with the team. We are unable to offer you the "
           "position at this time.\n\nLeon", "2026-11-19 15:00", "rejection", "A00014"),
    Sample("Wayne Enterprises <no-reply@ashbyhq.com>", "Wayne Enterprises update",
           "Hi Alex,\n\nWe've decided to pursue other candidates whose experience more closely "
           "matches the Data Engineer role.\n\nWayne Enterprises", "2026-11-22 10:00",
           "rejection", "A00006"),
    Sample(f"Acme Robotics <{GH}>", "Acme Robotics - Frontend Engineer",
           "Hi Alex,\n\nThank you for applying for Frontend Engineer at Acme Robotics. We will "
           "not be moving forward at this time.\n\nAcme Robotics", "2026-11-23 10:00",
           "rejection", "A00010"),
]

OFFERS = [
    Sample("Miles Dyson <miles.dyson.recruiting@gmail.com>", "Offer: Machine Learning Engineer",
           "Alex,\n\nI am pleased to offer you the position of Machine Learning Engineer. "
           "Your offer letter is attached; let me know if you have questions.\n\nMiles",
           "2026-11-20 10:00", "offer", "A00012"),
    Sample("Pied Piper <noreply@workablemail.com>", "Your offer from Pied Piper",
           "Hi Alex,\n\nWe are delighted to offer you the Platform Engineer role at Pied "
           "Piper! The formal offer is attached.\n\nPied Piper", "2026-11-24 10:00", "offer",
           "A00013"),
]

SENT = [
    Sample("", "Thank you", "Dear Priya,\n\nThank you for your time today. I enjoyed our "
           "conversation about on-call.\n\nAlex", "2026-10-22 19:00", "thank-you sent",
           "A00004", to="Priya Raman <priya.raman@hooli.com>", folder="sent"),
    Sample("", "Thank you - Backend Engineer interview",
           "Hi Sam,\n\nThank you for taking the time to talk about the Backend Engineer "
           "role.\n\nAlex", "2026-10-20 17:00", "thank-you sent", "A00001",
           to="Sam Lee <sam.lee@acmerobotics.com>", folder="sent"),
    Sample("", "Thank you", "Hi Leon,\n\nThank you for meeting with me on Sunday.\n\nAlex",
           "2026-10-25 18:00", "thank-you sent", "A00014",
           to="l.kowalski@tyrellcorp.com", folder="sent"),
    Sample("", "Following up: Backend Engineer",
           "Hi Jane,\n\nI am following up on the Backend Engineer role.\n\nAlex",
           "2026-11-10 09:00", "follow-up sent", "A00001",
           to="jane.doe@acmerobotics.com", folder="sent"),
    Sample("", "Bewerbung Softwareentwickler Java",
           "Sehr geehrte Damen und Herren,\n\nich wollte kurz nachfragen, wie der Stand ist."
           "\n\nAlex Morgan", "2026-11-05 10:00", "follow-up sent", "A00007",
           to="karriere@brandt-logistik.de", folder="sent"),
    Sample("", "Any update?", "Hi Miles, any update on the team's decision?\n\nAlex",
           "2026-11-10 12:00", "follow-up sent", "A00012",
           to="miles.dyson.recruiting@gmail.com", folder="sent"),
]

# Look-alikes and messages that must propose nothing.
LOOKALIKES = [
    Sample("LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>",
           "New jobs for you: Backend Engineer at Acme Robotics",
           "Acme Robotics is hiring a Backend Engineer. Apply now.", "2026-10-15 06:00",
           None, None, headers=UNSUB),
    Sample("Indeed <alert@indeed.com>", "Data Analyst jobs in your area",
           "10 new Data Analyst jobs matching your search: Initech and more.",
           "2026-10-16 06:00", None, None, headers=UNSUB),
    Sample("Acme Robotics <news@acmerobotics.com>", "Acme Robotics newsletter: Q3 in review",
           "Welcome to the Acme Robotics newsletter. We are pleased to offer you a look at our "
           "new arm. Unsubscribe from this newsletter any time.", "2026-10-18 07:00", None,
           None, headers=UNSUB),
    Sample(f"Acme Robotics <{GH}>", "Join our talent network",
           "Thanks for your interest in Acme Robotics! Join our talent network to hear about "
           "new jobs for you.", "2026-10-19 07:00", None, None, headers=UNSUB),
    Sample("Rita Recruiter <rita@talentbridge.io>", "Exciting opportunity",
           "Hi Alex, I came across your profile and have a role that might interest you.",
           "2026-10-20 07:00", None, None),
    Sample("Gavin Belson <gavin.recruiting@hooli.com>", "A role that might interest you",
           "Hi Alex, I came across your LinkedIn and think you may be a great fit for our "
           "Staff Engineer team. Would you be open to a chat?", "2026-10-21 07:00", None, None),
    Sample(f"Globex <{GH}>", "Your application to Globex",
           "Hi Alex,\n\nThank you for your interest in Globex. Unfortunately, we will not be "
           "moving forward with your application for Data Scientist.\n\nGlobex",
           "2026-10-22 07:00", None, None, note="a rejection for a job not in the tracker"),
    Sample("Massive Dynamic <jobs@massivedynamic.com>", "Your application",
           "We regret to inform you that the position has been filled.", "2026-10-23 07:00",
           None, None, note="a rejection from a company not in the tracker"),
    Sample("Stark Industries <jobs@smartrecruiters.com>", "Jobs matching your profile",
           "Stark Industries has new jobs matching your profile: Backend Engineer, QA Lead.",
           "2026-10-24 07:00", None, None, headers=UNSUB),
    Sample("Hooli Events <events@hooli.com>", "You're invited: Hooli webinar",
           "We'd like to invite you to our webinar on scaling search. Save your seat.",
           "2026-10-25 07:00", None, None, headers=UNSUB),
    Sample("Wayne Enterprises <updates@wayneenterprises.com>", "Your weekly digest",
           "Your weekly digest from Wayne Enterprises: new gadgets.", "2026-10-26 07:00", None,
           None, headers=UNSUB),
    Sample("Glassdoor <noreply@glassdoor.com>", "Acme Robotics reviews",
           "See what employees say about Acme Robotics and similar jobs.", "2026-10-27 07:00",
           None, None, headers=UNSUB),
    Sample(f"Acme Robotics <{GH}>", "Thank you for applying to Acme Robotics",
           "Thank you for applying to the Backend Engineer role.", "2026-09-10 07:00", None,
           None, note="before the oldest open application: skipped unread"),
    Sample("Initech <no-reply@hire.lever.co>", "Your interview is confirmed",
           "Hi Alex, your interview is confirmed. We will send the details soon.",
           "2026-10-22 07:00", None, None, note="scheduling without a date: not sure"),
    Sample("Sam Friend <sam.friend@gmail.com>", "Dinner on Friday?",
           "Want to get dinner on Friday at 7:00 PM?", "2026-10-28 07:00", None, None),
    Sample("XING <jobs@xing.com>", "Neue Jobs für Sie",
           "Passende Jobs: Softwareentwickler Java bei Brandt Logistik.", "2026-10-29 07:00",
           None, None, headers=UNSUB),
    Sample("Umbrella Health <umbrellahealth@myworkday.com>", "Reset your password",
           "Click the link to reset the password of your Umbrella Health candidate account.",
           "2026-10-30 07:00", None, None, note="ATS mail with no meaning: not sure"),
    Sample("Initech <no-reply@hire.lever.co>", "Initech shared jobs",
           "Jobs you may be interested in at Initech: Senior Data Analyst.", "2026-10-31 07:00",
           None, None),
    Sample("Hooli Store <orders@hooli.com>", "Your order has shipped",
           "Your Hooli phone is on its way.", "2026-11-01 07:00", None, None),
    Sample("InfoJobs <alertas@infojobs.net>", "Nuevas ofertas para ti",
           "Empleos para ti: Analista de Datos en Soluciones Norte.", "2026-11-02 07:00", None,
           None, headers=UNSUB),
    Sample("", "Re: scheduling", "Tuesday works for me.\n\nAlex", "2026-10-18 08:00", None,
           None, to="priya.raman@hooli.com", folder="sent",
           note="a note the user sent that is neither a thank-you nor a follow-up"),
    Sample("", "Weekend", "Thank you for the lovely dinner!", "2026-10-19 08:00", None, None,
           to="sam.friend@gmail.com", folder="sent", note="sent, but not to anyone tracked"),
    Sample("Acme Robotics Talent <talent@acmerobotics.com>", "Recommended jobs",
           "Recommended jobs at Acme Robotics: Frontend Engineer, Backend Engineer.",
           "2026-11-03 07:00", None, None, headers=UNSUB),
    Sample("Welcome to the Jungle <hello@welcometothejungle.com>", "Nouvelles offres",
           "Offres d'emploi pour vous : Consultant Data chez Lumière Conseil.",
           "2026-11-04 07:00", None, None, headers=UNSUB),
]


# Written after the rules and not used to tune them: their figures are reported apart.
HELD_OUT = [
    Sample("Initech Talent <talent@initech.com>", "Re: Data Analyst",
           "Hi Alex,\n\nThanks for your patience. Sadly we have chosen another candidate whose "
           "background was a closer match.\n\nInitech", "2026-11-26 10:00", "rejection",
           "A00002"),
    Sample("Umbrella Health <umbrellahealth@myworkday.com>", "Interview invitation",
           "Dear Alex,\n\nCongratulations! We would like to invite you to interview for "
           "Product Manager. Please use the link to select a time.\n\nUmbrella Health",
           "2026-11-05 09:00", "invitation", "A00003"),
    Sample("Stark Industries <noreply@smartrecruiters.com>", "Offer of employment",
           "Hello Alex,\n\nWe are excited to offer you the Frontend Developer position at Stark "
           "Industries. Please review the offer letter.\n\nStark Industries",
           "2026-11-27 09:00", "offer", "A00005"),
    Sample("Wayne Enterprises <no-reply@ashbyhq.com>", "Please share your availability",
           "Hi Alex,\n\nCould you send us your availability for a call with the hiring manager "
           "about Data Engineer?\n\nWayne Enterprises", "2026-11-06 09:00", "request",
           "A00006"),
    Sample("Brandt Logistik Karriere <karriere@brandt-logistik.de>", "Absage",
           "Sehr geehrter Herr Morgan,\n\nleider können wir Ihre Bewerbung nicht "
           "berücksichtigen.\n\nMit freundlichen Grüßen", "2026-11-28 09:00", "rejection",
           "A00007"),
    Sample("Soluciones Norte <rrhh@solucionesnorte.es>", "Oferta",
           "Hola Alex,\n\nNos alegra ofrecerte el puesto de Analista de Datos. Adjuntamos la "
           "carta de oferta.\n\nUn saludo", "2026-11-29 09:00", "offer", "A00009"),
    Sample("Pied Piper <noreply@workablemail.com>", "Quick update",
           "Hi Alex, just a quick note that the team is still reviewing applications for "
           "Platform Engineer. We will be in touch soon.", "2026-10-25 09:00", None, None,
           note="a status update with no meaning: proposes nothing"),
    Sample("Hooli Careers <careers@hooli.com>", "Hooli is hiring",
           "Hooli is hiring! Check out our open roles and join our talent community.",
           "2026-11-07 09:00", None, None, headers=UNSUB),
    Sample("Tyrell Careers <careers@tyrellcorp.com>", "Refer a friend",
           "Know someone great? Refer a friend for our open roles. Unsubscribe from this "
           "newsletter at any time.", "2026-11-08 09:00", None, None, headers=UNSUB),
    Sample("Lumière Conseil RH <rh@lumiere-conseil.fr>", "Invitation à un entretien",
           "Bonjour Alex,\n\nNous aimerions vous convier à un entretien pour le poste de "
           "Consultant Data.\n\nL'équipe RH", "2026-10-20 09:00", "invitation", "A00008"),
]

MESSAGES = [*ACKNOWLEDGEMENTS, *INVITATIONS, *REQUESTS, *SCHEDULING, *REJECTIONS, *OFFERS,
            *SENT, *LOOKALIKES, *HELD_OUT]
