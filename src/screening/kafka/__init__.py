"""Kafka adapters: the local broker, topic admin and kafka-python client factories."""
