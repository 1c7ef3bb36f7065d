"""A short posting and a short résumé that several test modules read."""

POSTING = """Machine Learning Engineer — Payments
About the role
You will build fraud models. We are looking for someone who ships.

Requirements
- 3+ years of Python and SQL.
- Experience with Docker; Kubernetes is a plus.

Nice to have
- PyTorch or TensorFlow.
- Rust

What we offer: equity, hybrid work. Apply with your CV.
"""

RESUME = """PRIYA RAMAN
Machine Learning Engineer | Pune | priya@example.com

SUMMARY
I build fraud models and take them to production.

EXPERIENCE
Machine Learning Engineer — Kestrel Payments, Apr 2022 – Present
• Trained fraud models in PyTorch; deployed them on AWS.

Data Analyst — Lumio, Jan 2020 – Mar 2022
• Wrote SQL reports and Python scripts.

EDUCATION
B.Tech, Computer Science, VIT Pune, 2016 – 2020

SKILLS
Python (5 years), SQL, PyTorch, AWS
"""
