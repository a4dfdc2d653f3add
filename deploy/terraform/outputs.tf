output "resource_group" {
  value = azurerm_resource_group.ms.name
}

output "acr_login_server" {
  description = "REGISTRY for docker-build/docker-push and the production overlay's images."
  value       = azurerm_container_registry.ms.login_server
}

output "cluster_name" {
  value = azurerm_kubernetes_cluster.ms.name
}

output "kube_config" {
  description = "kubeconfig of the cluster (KUBE_CONFIG secret of the deploy workflow, base64-encoded)."
  value       = azurerm_kubernetes_cluster.ms.kube_config_raw
  sensitive   = true
}
