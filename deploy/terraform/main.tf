# The infrastructure of Bootstrapping Microservices, chapter 7: a resource group, a private container registry and a
# Kubernetes cluster allowed to pull from it. The services are deployed onto it with `nx deploy` (deploy/README.md).

resource "azurerm_resource_group" "ms" {
  name     = var.app_name
  location = var.location
}

resource "azurerm_container_registry" "ms" {
  name                = var.app_name # login server: <app_name>.azurecr.io
  resource_group_name = azurerm_resource_group.ms.name
  location            = var.location
  sku                 = "Basic"
  admin_enabled       = false # CI logs in with a service principal (deploy/README.md), the cluster with its identity
}

resource "azurerm_kubernetes_cluster" "ms" {
  name                = var.app_name
  location            = var.location
  resource_group_name = azurerm_resource_group.ms.name
  dns_prefix          = var.app_name
  kubernetes_version  = var.kubernetes_version

  default_node_pool {
    name       = "default"
    node_count = var.node_count
    vm_size    = var.node_vm_size
  }

  identity {
    type = "SystemAssigned"
  }

  # NetworkPolicy enforcement: the manifests deny by default and open per accessibility level.
  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

# The cluster's kubelet may pull images from the registry.
resource "azurerm_role_assignment" "aks_pull" {
  principal_id                     = azurerm_kubernetes_cluster.ms.kubelet_identity[0].object_id
  role_definition_name             = "AcrPull"
  scope                            = azurerm_container_registry.ms.id
  skip_service_principal_aad_check = true
}
