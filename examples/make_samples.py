"""Write the sample inputs of the examples: AI/ML résumés and job postings.

Run from anywhere: ``python examples/make_samples.py``. It writes

- ``examples/resumes/``: five résumés of different levels, three as ``.txt``, one as ``.pdf``
  (reportlab) and one as ``.docx`` (python-docx), so the batch example reads every format;
- ``examples/jobs/``: three job postings as ``.txt``.

The people and companies are invented. The output is deterministic (fixed PDF metadata and
DOCX timestamps), so running the script again leaves the committed files unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

RESUMES: dict[str, str] = {
    "amara_okafor_entry": """\
Amara Okafor
Junior Machine Learning Engineer | amara.okafor@example.com | Lagos, Nigeria (open to remote)

SUMMARY
Recent computer science graduate with one year of industry experience training and evaluating
classical ML and deep learning models. Comfortable with Python, pandas and scikit-learn; learning
MLOps on the job.

EXPERIENCE
Machine Learning Intern, then Junior ML Engineer - Finlytics, Lagos        Jul 2023 - present
- Built a churn model with scikit-learn (gradient boosting) on 2M customer records; AUC 0.81.
- Cleaned and joined data from PostgreSQL with SQL and pandas; wrote data preprocessing
  functions with unit tests (pytest).
- Packaged the model behind a small FastAPI endpoint and a Docker image for the platform team.

PROJECTS
- Hausa-English sentiment classifier: fine-tuned a small BERT model with PyTorch and Hugging Face
  Transformers on 12k labelled tweets (macro-F1 0.74).
- Kaggle: top 15% in a tabular competition (feature engineering, cross-validation, XGBoost).

EDUCATION
B.Sc. Computer Science, University of Lagos, 2023. Courses: machine learning, linear algebra,
statistics, algorithms, databases.

SKILLS
Python, SQL, pandas, NumPy, scikit-learn, PyTorch, Hugging Face, Git, Docker, Jupyter, Linux
""",
    "diego_ramirez_mid": """\
Diego Ramírez
Machine Learning Engineer | diego.ramirez@example.com | Madrid, Spain

PROFILE
Machine learning engineer with 4 years of experience taking models from notebooks to production:
feature pipelines, training, deployment on AWS and monitoring. Since 2024 I have focused on LLM
applications and retrieval-augmented generation (RAG).

EXPERIENCE
Machine Learning Engineer - Viajes Nube, Madrid                       Mar 2021 - present
- Deployed demand-forecasting models (LightGBM, PyTorch) to production on AWS SageMaker;
  cut forecast error by 18% and serving cost by 30%.
- Built the MLOps stack: MLflow for experiment tracking and model registry, GitHub Actions CI/CD,
  Docker images, Kubernetes (EKS) for batch and online inference.
- Designed a REST API (FastAPI) serving 300 requests per second at p95 latency under 80 ms.
- Built a RAG customer-support assistant: document ingestion, embeddings, a vector database
  (pgvector), prompt engineering and evaluation with an LLM-as-judge harness; GPT-4o and Claude
  behind one interface.
- Wrote ETL jobs in Airflow and Spark to build features from 400M booking events.

Data Scientist - Banco Sur, Madrid                                    Sep 2020 - Feb 2021
- Credit-risk models in scikit-learn; SQL reporting; A/B test analysis.

EDUCATION
M.Sc. Data Science, Universidad Politécnica de Madrid, 2020.

SKILLS
Python, SQL, PyTorch, scikit-learn, LightGBM, AWS (SageMaker, S3, Lambda), Docker, Kubernetes,
MLflow, Airflow, Spark, FastAPI, LangChain, pgvector, prompt engineering, RAG, Git, Terraform
""",
    "priya_natarajan_senior": """\
Priya Natarajan
Staff AI Engineer | priya.n@example.com | Bangalore, India

SUMMARY
AI engineer with 10 years of experience building machine learning platforms and LLM products.
I lead a team of 8 engineers, set technical direction for AI across three product lines and
mentor engineers moving into ML.

EXPERIENCE
Staff AI Engineer - Kinara Health, Bangalore                          Jan 2020 - present
- Lead the AI platform team (8 engineers): system architecture for model training, evaluation
  and serving on GCP (Vertex AI, GKE) used by 40 data scientists.
- Designed an agentic clinical-notes assistant: tool-calling agents, retrieval over 5M documents,
  guardrails, offline and online evaluation; rolled out to 1,200 clinicians.
- Fine-tuned open-weight LLMs (LoRA on Llama and Mistral) with PyTorch and DeepSpeed; moved
  inference to vLLM on GPUs, halving cost per request.
- Made build-vs-buy decisions for foundation models with product and legal; wrote the
  responsible-AI review process.

Senior Machine Learning Engineer - ShopKart, Bangalore                Jun 2016 - Dec 2019
- Built the recommendation system (TensorFlow, two-tower retrieval + ranking) serving 50M users.
- Introduced Kubeflow pipelines, feature store and CI/CD for models; on-call for ML services.

Software Engineer - Infosys, Mysore                                   Jul 2014 - May 2016
- Java and Python backend services; SQL data pipelines.

EDUCATION
M.Tech. Computer Science, IIT Madras, 2014.

SKILLS
Python, Go, Java, SQL, PyTorch, TensorFlow, JAX, Hugging Face, DeepSpeed, vLLM, GCP, AWS, Docker,
Kubernetes, Kubeflow, Ray, Spark, LangGraph, RAG, prompt engineering, evaluation, system design,
mentoring, technical leadership
""",
    "tomasz_wisniewski_research": """\
Tomasz Wiśniewski, PhD
Research Scientist, Computer Vision | tomasz.w@example.com | Warsaw, Poland

RESEARCH INTERESTS
Multimodal learning, self-supervised representation learning, efficient vision transformers for
edge devices.

EXPERIENCE
Research Scientist - Optica Labs, Warsaw                              Oct 2021 - present
- Trained vision-language models (CLIP-style contrastive pretraining) on 400M image-text pairs
  with PyTorch, FSDP and mixed precision on 256 GPUs.
- Distilled and quantized models for on-device inference (ONNX, TensorRT); 4x faster on Jetson.
- Published 3 papers (CVPR 2023, NeurIPS 2024) and released code and weights on GitHub.

PhD Researcher - University of Warsaw                                 Oct 2017 - Sep 2021
- Thesis: "Label-efficient object detection". Taught the deep learning course (120 students).

EDUCATION
PhD Computer Science, University of Warsaw, 2021. M.Sc. Mathematics, 2017.

SKILLS
Python, C++, CUDA, PyTorch, JAX, NumPy, OpenCV, ONNX, TensorRT, Slurm, Weights & Biases,
LaTeX, statistics, linear algebra
""",
    "lena_hoffmann_career_switch": """\
Lena Hoffmann
Data Analyst moving into AI engineering | lena.hoffmann@example.com | Hamburg, Germany

SUMMARY
Data analyst with 3 years of SQL and Python reporting experience, now building LLM prototypes.
Completed a 6-month machine learning bootcamp in 2024.

EXPERIENCE
Data Analyst - Nordlicht Logistik, Hamburg                            Feb 2022 - present
- Built SQL dashboards (Looker) and Python (pandas) reports for 20 regional managers.
- Automated weekly data pipelines that used to take a day by hand (Python, cron, BigQuery).
- Prototyped an internal chatbot that answers shipping-policy questions with the OpenAI API and
  a small retrieval index; demoed to leadership, now in pilot with 30 users.

Customer Operations Specialist - Nordlicht Logistik                  Sep 2019 - Jan 2022

EDUCATION
Machine Learning Bootcamp (Python, scikit-learn, neural networks, deployment basics), 2024.
B.A. Business Administration, Universität Hamburg, 2019.

SKILLS
SQL, Python, pandas, scikit-learn, BigQuery, Looker, Excel, OpenAI API, prompt engineering,
Git (basic)
""",
}

JOBS: dict[str, str] = {
    "senior_ai_engineer_llm_platform": """\
Senior AI Engineer, LLM Platform - Brightwave Analytics (remote, EU time zones)

About the role
We are looking for a senior AI engineer to lead the design of our LLM platform: retrieval,
agents, evaluation and serving for a product used by 2,000 enterprise analysts.

What you'll do
- Own the system architecture of our RAG and agent services, from ingestion to serving.
- Build evaluation pipelines (offline test sets, LLM-as-judge, online A/B tests).
- Deploy and operate models on Kubernetes in AWS; keep latency and cost in check.
- Mentor engineers and work with product and security on technical decisions.

Requirements
- 5+ years of software or ML engineering, at least 2 with ML systems in production.
- Strong Python; experience with PyTorch or TensorFlow.
- Experience building RAG systems: embeddings, vector databases, prompt engineering.
- Docker, Kubernetes and CI/CD; AWS or GCP.

Nice to have
- Fine-tuning open-weight LLMs (LoRA), vLLM or TensorRT-LLM.
- Go or Rust.
- Experience with LangGraph or similar agent frameworks.

No Java required.
""",
    "ml_engineer_mid_forecasting": """\
Machine Learning Engineer (Forecasting) - Hafen Freight GmbH, Hamburg (hybrid)

You will join a team of four building demand and arrival-time forecasts for container terminals.

Responsibilities
- Train and improve forecasting models (gradient boosting, deep learning) and ship them to
  production.
- Build data pipelines and features in SQL and Spark; schedule them with Airflow.
- Deploy models as APIs and batch jobs with Docker on Azure; monitor drift and accuracy.

Must have
- 2-5 years of experience in machine learning or data engineering.
- Python, SQL, scikit-learn or LightGBM, and one deep learning framework (PyTorch preferred).
- MLOps practice: experiment tracking (MLflow), CI/CD, containers.

Good to have
- Azure ML, Kubernetes, time-series libraries (Darts, Prophet).
- German is a plus but not required.
""",
    "junior_ml_engineer": """\
Junior Machine Learning Engineer - Clearpath Learning (Lisbon or remote)

Clearpath builds adaptive tutoring software. Our ML team of six is hiring a junior engineer.

What you will do
- Help train and evaluate models that recommend exercises to students.
- Clean and prepare data with Python, pandas and SQL.
- Write tests and documentation; learn our deployment stack (Docker, GCP) with a mentor.

What we look for
- 0-2 years of experience; a degree or bootcamp in a quantitative field.
- Python programming proficiency and familiarity with scikit-learn or PyTorch.
- Understanding of basic ML concepts: train/test splits, overfitting, evaluation metrics.

Bonus
- A project with Hugging Face Transformers or an LLM API.
- Experience with Git.
""",
}

PDF_RESUME = "diego_ramirez_mid"
DOCX_RESUME = "priya_natarajan_senior"
_FIXED_TIME = dt.datetime(2025, 1, 1, 12, 0, 0)


def write_pdf(path: Path, text: str) -> None:
    """Write ``text`` as a one-column PDF résumé: bold headings, wrapped body lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(path.stem.replace("_", " ").title())
    c.setAuthor("skillmatch examples")
    _, height = A4
    y = height - 56
    for i, line in enumerate(text.splitlines()):
        heading = i == 0 or (line.isupper() and line.strip())
        size = 15 if i == 0 else 10
        c.setFont("Helvetica-Bold" if heading else "Helvetica", size)
        if y < 56:
            c.showPage()
            y = height - 56
            c.setFont("Helvetica-Bold" if heading else "Helvetica", size)
        if line.strip():
            c.drawString(50, y, line)
        y -= size + 4 if line.strip() else 6
    c.showPage()
    c.save()


def write_docx(path: Path, text: str) -> None:
    """Write ``text`` as a DOCX résumé: title, headings, bullets and a skills table."""
    import docx

    document = docx.Document()
    core = document.core_properties
    core.author = "skillmatch examples"
    core.created = core.modified = _FIXED_TIME
    core.last_modified_by = "skillmatch examples"
    core.revision = 1
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("  ") and lines:  # a wrapped bullet: one paragraph in Word
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    document.add_heading(lines[0], level=0)
    skills_next = False
    for line in lines[1:]:
        if not line.strip():
            continue
        if line.isupper():
            document.add_heading(line.title(), level=1)
            skills_next = line == "SKILLS"
        elif skills_next:
            # The skills go in a table, as many résumé templates do: readers must not drop it.
            skills = [s.strip() for s in line.split(",") if s.strip()]
            table = document.add_table(rows=0, cols=3)
            for start in range(0, len(skills), 3):
                cells = table.add_row().cells
                for cell, skill in zip(cells, skills[start : start + 3], strict=False):
                    cell.text = skill
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(_stable_zip(buf.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps, so the output is byte-for-byte reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def main() -> None:
    """Write every sample into ``examples/resumes`` and ``examples/jobs``."""
    resumes = HERE / "resumes"
    jobs = HERE / "jobs"
    resumes.mkdir(exist_ok=True)
    jobs.mkdir(exist_ok=True)
    for name, text in RESUMES.items():
        if name == PDF_RESUME:
            write_pdf(resumes / f"{name}.pdf", text)
        elif name == DOCX_RESUME:
            write_docx(resumes / f"{name}.docx", text)
        else:
            (resumes / f"{name}.txt").write_text(text, encoding="utf-8")
    for name, text in JOBS.items():
        (jobs / f"{name}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
