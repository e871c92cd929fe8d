"""Read serializers (what the API answers) and write serializers (what it accepts)."""
